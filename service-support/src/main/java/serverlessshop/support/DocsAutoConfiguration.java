package serverlessshop.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import serverlessshop.support.docs.ContractDocs;

/** Swagger UI for the service that names its contract in {@code shop.docs.contract}. */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnProperty("shop.docs.contract")
@Import(ContractDocs.class)
public class DocsAutoConfiguration {
}
