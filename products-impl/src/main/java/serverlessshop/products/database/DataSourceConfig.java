package serverlessshop.products.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import serverlessshop.products.lambda.DatabaseCredentials;
import serverlessshop.support.secrets.SecretSource;
import serverlessshop.support.secrets.SecretsManagerSecretSource;

/**
 * The service's connection pool: Spring Boot's Hikari pool ({@code spring.datasource.hikari.*} as
 * usual), whose connections come from a {@link LoginDataSource}, so that the credentials are asked
 * for per new connection instead of fixed at start. Which login, by {@code shop.database.*}:
 * <ul>
 *   <li>{@code iam-auth=true}: IAM database authentication tokens for {@code spring.datasource.username} (AWS);</li>
 *   <li>{@code secret-arn}: the user and password of that Secrets Manager secret, read again after a refusal;</li>
 *   <li>neither: {@code spring.datasource.username} and {@code password} (local runs, tests).</li>
 * </ul>
 * A {@code trustCertificateKeyStoreUrl=classpath:...} in the URL is resolved to the jar's resource
 * ({@link JdbcUrls#withTrustStoreResolved}).
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    @Bean
    SecretSource secretSource() {
        return new SecretsManagerSecretSource();
    }

    @Bean
    DatabaseLogin databaseLogin(DataSourceProperties properties, Environment environment, SecretSource secrets) {
        String url = properties.determineUrl();
        if (environment.getProperty("shop.database.iam-auth", Boolean.class, false)) {
            return new IamTokenLogin(
                    JdbcUrls.host(url),
                    JdbcUrls.port(url),
                    properties.determineUsername(),
                    IamTokenLogin.rdsUtilities(environment.getProperty("AWS_REGION")),
                    Clock.systemUTC());
        }
        String secretArn = environment.getProperty("shop.database.secret-arn", "");
        if (!secretArn.isBlank()) {
            return new SecretLogin(
                    secretArn,
                    secrets,
                    Clock.systemUTC(),
                    environment.getProperty(
                            "shop.database.secret-reread-interval", Duration.class, Duration.ofSeconds(5)));
        }
        return DatabaseLogin.fixed(new DatabaseCredentials(
                properties.determineUsername(),
                properties.determinePassword() == null ? "" : properties.determinePassword()));
    }

    /** As Spring Boot's own Hikari pool is made, with the connections of the login. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, DatabaseLogin login) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new LoginDataSource(JdbcUrls.withTrustStoreResolved(properties.determineUrl()), login));
        return pool;
    }
}
