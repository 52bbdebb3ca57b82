package serverlessshop.products.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.mock.env.MockEnvironment;
import serverlessshop.support.secrets.SecretSource;

/** Which login the service's properties choose: IAM in AWS, a secret, or the configured user. */
class DataSourceConfigTest {

    private static final String URL = "jdbc:mysql://products.abc.eu-west-1.rds.amazonaws.com:3306/products"
            + "?sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=classpath:rds-ca/global-bundle.p12&trustCertificateKeyStoreType=PKCS12";
    private static final SecretSource NO_SECRET = id -> {
        throw new AssertionError("no secret should be read while choosing");
    };

    private final DataSourceConfig config = new DataSourceConfig();

    @Test
    void inAwsItSignsIamTokensForTheConfiguredUserAndTheUrlsHost() {
        DatabaseLogin login = config.databaseLogin(
                properties("products_app", null),
                new MockEnvironment()
                        .withProperty("shop.database.iam-auth", "true")
                        .withProperty("AWS_REGION", "eu-west-1"),
                NO_SECRET);

        assertThat(login).isInstanceOf(IamTokenLogin.class);
        assertThat(login.source()).contains("products.abc.eu-west-1.rds.amazonaws.com:3306");
    }

    @Test
    void withASecretArnItReadsThatSecret() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:products-app-AbCdEf";
        DatabaseLogin login = config.databaseLogin(
                properties("ignored", "ignored"),
                new MockEnvironment().withProperty("shop.database.secret-arn", arn),
                id -> "{\"username\":\"products_app\",\"password\":\"p\"}");

        assertThat(login).isInstanceOf(SecretLogin.class);
        assertThat(login.source()).isEqualTo("the secret " + arn);
        assertThat(login.current().username()).isEqualTo("products_app");
    }

    @Test
    void otherwiseTheConfiguredUserAndPassword() {
        DatabaseLogin login = config.databaseLogin(properties("root", ""), new MockEnvironment(), NO_SECRET);

        assertThat(login.current().username()).isEqualTo("root");
        assertThat(login.current().password()).isEmpty();
    }

    private static DataSourceProperties properties(String user, String password) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(URL);
        properties.setUsername(user);
        properties.setPassword(password);
        return properties;
    }
}
