package serverlessshop.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import serverlessshop.support.http.Cursors;
import serverlessshop.support.http.ShopCursorsProperties;
import serverlessshop.support.secrets.SecretsManagerSecretSource;

/**
 * The signed pagination cursors, with the key of {@code shop.cursors}: read from Secrets Manager
 * while the application starts (Lambda's init phase, not a request) when it names a secret.
 */
@AutoConfiguration
@EnableConfigurationProperties(ShopCursorsProperties.class)
public class CursorsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CursorsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Cursors cursors(ShopCursorsProperties properties) {
        if (present(properties.keySecretArn())) {
            String key = new SecretsManagerSecretSource().secretString(properties.keySecretArn());
            if (!present(key)) {
                throw new IllegalStateException(
                        "The secret " + properties.keySecretArn() + " has no value (SecretString)");
            }
            log.info("The cursor key is read from {}", properties.keySecretArn());
            return new Cursors(key.getBytes(StandardCharsets.UTF_8));
        }
        if (present(properties.key())) {
            return new Cursors(properties.key().getBytes(StandardCharsets.UTF_8));
        }
        log.warn("No shop.cursors.key nor shop.cursors.key-secret-arn: cursors are signed with a key of this"
                + " process alone, which another instance refuses");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Cursors(key);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
