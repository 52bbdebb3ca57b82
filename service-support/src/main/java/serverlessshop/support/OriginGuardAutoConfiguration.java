package serverlessshop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.ConditionalOnMissingFilterBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import serverlessshop.support.origin.OriginGuardFilter;
import serverlessshop.support.origin.ShopOriginProperties;
import serverlessshop.support.secrets.SecretsManagerSecretSource;

/**
 * The origin guard ({@link OriginGuardFilter}), when {@code shop.origin} names the secret or the values
 * CloudFront's requests carry; none otherwise. The secret is read while the application starts
 * (Lambda's init phase, not a request): its current and previous versions.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ShopOriginProperties.class)
@Conditional(OriginGuardAutoConfiguration.Configured.class)
public class OriginGuardAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OriginGuardAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingFilterBean(OriginGuardFilter.class)
    FilterRegistrationBean<OriginGuardFilter> originGuardFilter(ShopOriginProperties properties, ObjectMapper json) {
        var registration =
                new FilterRegistrationBean<>(new OriginGuardFilter(properties.header(), accepted(properties), json));
        registration.setOrder(FilterOrder.ORIGIN_GUARD);
        return registration;
    }

    private static List<String> accepted(ShopOriginProperties properties) {
        String arn = properties.secretArn();
        if (arn == null || arn.isBlank()) {
            return properties.values();
        }
        List<String> values = new SecretsManagerSecretSource().secretStrings(arn, "AWSCURRENT", "AWSPREVIOUS");
        if (values.stream().allMatch(value -> value == null || value.isBlank())) {
            throw new IllegalStateException("The secret " + arn + " has no value (SecretString)");
        }
        // How many, never which: the values are what CloudFront proves itself with.
        log.info("The origin guard accepts {} value(s) of {} in {}", values.size(), properties.header(), arn);
        return values;
    }

    /** On when either the secret or the values are set. */
    static final class Configured extends AnyNestedCondition {

        Configured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "shop.origin", name = "secret-arn")
        static final class SecretArn {}

        @ConditionalOnProperty(prefix = "shop.origin", name = "values")
        static final class Values {}
    }
}
