package serverlessshop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import serverlessshop.support.security.ProblemSecurityHandlers;
import serverlessshop.support.security.ShopIssuers;
import serverlessshop.support.security.ShopSecurity;
import serverlessshop.support.security.ShopSecurityProperties;

/**
 * What a service's security filter chain is built from ({@link ShopSecurity#apply}): the issuers
 * whose tokens it accepts, the shoppers' ({@code shop.security.*}) and the administrators'
 * ({@code shop.security.admin.*}), and the problem+json answers for 401, 403 and requests the
 * firewall refuses. Each service adds only its authorization rules.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, JwtDecoder.class})
@EnableConfigurationProperties(ShopSecurityProperties.class)
public class ShopSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtIssuerAuthenticationManagerResolver shopIssuers(ShopSecurityProperties properties) {
        return ShopIssuers.of(properties);
    }

    /**
     * Also the {@code RequestRejectedHandler} Spring Security's filter chain takes from the context
     * (it takes the one bean of that type there is).
     */
    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(ObjectMapper json) {
        return new ProblemSecurityHandlers(json);
    }
}
