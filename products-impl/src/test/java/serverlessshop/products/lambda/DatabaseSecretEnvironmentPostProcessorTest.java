package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessorsFactory;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The secret's credentials reach the datasource properties of the service, ahead of application.properties. */
class DatabaseSecretEnvironmentPostProcessorTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf";

    @Test
    void theSecretsCredentialsOverrideTheConfiguredOnes() {
        StandardEnvironment environment = environment(Map.of(
                DatabaseCredentials.SECRET_ARN, ARN,
                "spring.datasource.username", "sa",
                "spring.datasource.password", ""));

        new DatabaseSecretEnvironmentPostProcessor(DatabaseCredentialsTest.secret(ARN,
                "{\"username\":\"shop_admin\",\"password\":\"from-the-secret\"}"))
                .postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("shop_admin");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from-the-secret");
        assertThat(environment.getPropertySources().iterator().next().getName())
                .isEqualTo(DatabaseSecretEnvironmentPostProcessor.PROPERTY_SOURCE);
    }

    @Test
    void withoutASecretArnNothingChangesAndNoSecretIsRead() {
        StandardEnvironment environment = environment(Map.of("spring.datasource.password", "local"));
        int sources = environment.getPropertySources().size();

        new DatabaseSecretEnvironmentPostProcessor(secretId -> {
            throw new AssertionError("no secret should be read");
        }).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("local");
    }

    @Test
    void springBootFindsIt() {
        // The way SpringApplication itself loads them, from META-INF/spring.factories.
        var postProcessors = EnvironmentPostProcessorsFactory.fromSpringFactories(getClass().getClassLoader())
                .getEnvironmentPostProcessors(new DeferredLogs(), new DefaultBootstrapContext());

        assertThat(postProcessors).hasAtLeastOneElementOfType(DatabaseSecretEnvironmentPostProcessor.class);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application", properties));
        return environment;
    }
}
