package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import serverlessshop.support.secrets.SecretSource;

/**
 * Credential resolution without AWS: a fake {@link SecretSource} stands in for Secrets Manager.
 * The SDK call itself is service-support's (SecretsManagerSecretSourceTest).
 */
class DatabaseCredentialsTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf";
    /** What RDS stores in the master user secret it manages. */
    private static final String RDS_MANAGED_SECRET = "{\"username\":\"shop_admin\",\"password\":\"p@ss:w0rd\\\"q\"}";

    private static final SecretSource NO_SECRETS = secretId -> {
        throw new AssertionError("no secret should be read, but " + secretId + " was");
    };

    @Test
    void readsUserAndPasswordFromAnRdsManagedSecret() {
        DatabaseCredentials credentials = DatabaseCredentials.resolve(
                Map.of(DatabaseCredentials.SECRET_ARN, ARN)::get, secret(ARN, RDS_MANAGED_SECRET));

        assertThat(credentials).isEqualTo(new DatabaseCredentials("shop_admin", "p@ss:w0rd\"q"));
    }

    @Test
    void readsASecretWithConnectionFieldsToo() {
        // A secret made for RDS rotation also carries engine, host, port and dbname: only the credentials count.
        String secret = "{\"engine\":\"mysql\",\"host\":\"db.example\",\"port\":3306,\"dbname\":\"products\","
                + "\"username\":\"shop_admin\",\"password\":\"secret\"}";

        assertThat(DatabaseCredentials.parse(ARN, secret)).isEqualTo(new DatabaseCredentials("shop_admin", "secret"));
    }

    @Test
    void theSecretWinsOverTheEnvironment() {
        Map<String, String> environment = Map.of(
                DatabaseCredentials.SECRET_ARN,
                ARN,
                DatabaseCredentials.USER,
                "env_user",
                DatabaseCredentials.PASSWORD,
                "env_password");

        assertThat(DatabaseCredentials.resolve(environment::get, secret(ARN, RDS_MANAGED_SECRET))
                        .username())
                .isEqualTo("shop_admin");
    }

    @Test
    void withoutASecretTheEnvironmentAppliesAndNoSecretIsRead() {
        Map<String, String> environment = Map.of(DatabaseCredentials.USER, "root", DatabaseCredentials.PASSWORD, "pw");

        assertThat(DatabaseCredentials.fromSecret(environment::get, NO_SECRETS)).isEmpty();
        assertThat(DatabaseCredentials.resolve(environment::get, NO_SECRETS))
                .isEqualTo(new DatabaseCredentials("root", "pw"));
    }

    @Test
    void withNothingSetTheDefaultsOfApplicationPropertiesApply() {
        assertThat(DatabaseCredentials.resolve(name -> null, NO_SECRETS)).isEqualTo(new DatabaseCredentials("sa", ""));
    }

    @Test
    void aBlankSecretArnCountsAsUnset() {
        assertThat(DatabaseCredentials.fromSecret(Map.of(DatabaseCredentials.SECRET_ARN, " ")::get, NO_SECRETS))
                .isEmpty();
    }

    /** Refused with a message that names the secret and what is wrong, never quoting the secret's text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"username":"shop_admin"}               | has no password
            {"username":"shop_admin","password":""} | has no password
            {"password":"hunter2"}                  | has no username
            {"username":42,"password":"hunter2"}    | has no username
            hunter2-plain-text                      | is not JSON
            "hunter2"                               | is not a JSON object
            """)
    void aSecretWithoutUsableCredentialsIsRefused(String secret, String problem) {
        assertThatThrownBy(() -> DatabaseCredentials.parse(ARN, secret))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The secret " + ARN + " " + problem)
                .hasNoCause();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new DatabaseCredentials("shop_admin", "hunter2").toString())
                .contains("shop_admin")
                .doesNotContain("hunter2");
    }

    static SecretSource secret(String arn, String value) {
        return secretId -> {
            assertThat(secretId).isEqualTo(arn);
            return value;
        };
    }
}
