package serverlessshop.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import serverlessshop.support.testing.secrets.SecretsManagerStandIn;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The real SDK client, configured as in Lambda, reading from a stand-in that speaks Secrets Manager's
 * protocol (there is no Secrets Manager here): the SDK's own settings point it there.
 */
class SecretsManagerSecretSourceTest {

    private static final String ARN = SecretsManagerStandIn.arn("shop-test-secret");

    private final SecretsManagerStandIn secretsManager = new SecretsManagerStandIn();
    private AutoCloseable settings;

    @BeforeEach
    void pointTheSdkAtTheStandIn() {
        settings = secretsManager.applySdkSettings();
    }

    @AfterEach
    void restore() throws Exception {
        settings.close();
        secretsManager.close();
    }

    @Test
    void readsTheCurrentValueOfTheSecretSignedWithTheConfiguredCredentials() {
        secretsManager.put(ARN, "first value with \"quotes\" and : colons");

        String value = new SecretsManagerSecretSource().secretString(ARN);

        assertThat(value).isEqualTo("first value with \"quotes\" and : colons");
        assertThat(secretsManager.reads())
                .containsExactly(new SecretsManagerStandIn.Read(ARN, SecretsManagerStandIn.ACCESS_KEY_ID));
    }

    @Test
    void eachReadAsksAgainSoARotatedValueIsSeen() {
        SecretsManagerSecretSource source = new SecretsManagerSecretSource();
        secretsManager.put(ARN, "before rotation");
        String before = source.secretString(ARN);
        secretsManager.put(ARN, "after rotation");

        String after = source.secretString(ARN);

        assertThat(before).isEqualTo("before rotation");
        assertThat(after).isEqualTo("after rotation");
        assertThat(secretsManager.reads(ARN)).isEqualTo(2);
    }

    @Test
    void theVersionsOfTheStagingLabelsAskedForComeInThatOrderAndALabelNoVersionCarriesIsLeftOut() {
        secretsManager.put(ARN, "never rotated");

        assertThat(new SecretsManagerSecretSource().secretStrings(ARN, "AWSCURRENT", "AWSPREVIOUS"))
                .containsExactly("never rotated");

        secretsManager.put(ARN, "rotated");

        assertThat(new SecretsManagerSecretSource().secretStrings(ARN, "AWSCURRENT", "AWSPREVIOUS"))
                .containsExactly("rotated", "never rotated");
        assertThat(secretsManager.reads(ARN)).isEqualTo(4);
    }

    @Test
    void anUnknownSecretFailsWithSecretsManagersErrorWhichHoldsNoValue() {
        secretsManager.put(ARN, "the-value-of-another-secret");
        String unknown = SecretsManagerStandIn.arn("not-there");

        assertThatThrownBy(() -> new SecretsManagerSecretSource().secretString(unknown))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("can't find the specified secret")
                .hasMessageNotContaining("the-value-of-another-secret");
    }
}
