package serverlessshop.products.lambda;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import serverlessshop.support.secrets.SecretSource;
import serverlessshop.support.secrets.SecretsManagerSecretSource;

/**
 * In AWS, puts the database user and password of the secret named by {@code PRODUCTS_DB_SECRET_ARN}
 * into {@code spring.datasource.username} and {@code password}, ahead of every other source. It runs
 * once, before the context starts, so the secret is read once per cold start. Without that
 * variable (local runs, tests) it does nothing and application.properties' values apply.
 */
public class DatabaseSecretEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "productsDatabaseSecret";

    private final SecretSource secrets;

    public DatabaseSecretEnvironmentPostProcessor() {
        this(new SecretsManagerSecretSource());
    }

    DatabaseSecretEnvironmentPostProcessor(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DatabaseCredentials.fromSecret(environment::getProperty, secrets).ifPresent(credentials ->
                environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                        "spring.datasource.username", credentials.username(),
                        "spring.datasource.password", credentials.password()))));
    }
}
