package serverlessshop.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import serverlessshop.support.docs.ContractDocs;
import serverlessshop.support.docs.ShopDocsProperties;

/** Swagger UI for the service that names its contract in {@code shop.docs.contract}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty("shop.docs.contract")
@EnableConfigurationProperties(ShopDocsProperties.class)
public class DocsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ContractDocs contractDocs(ShopDocsProperties properties) {
        return new ContractDocs(properties);
    }
}
