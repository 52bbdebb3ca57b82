package serverlessshop.orders.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The machine client's secret: read once, read again on demand, never printed. */
class ClientSecretTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-client-AbC123";

    @Test
    void aSecretFromAStoreIsReadOnceAndAgainOnlyWhenAsked() {
        int[] reads = {0};
        String[] stored = {"first-secret"};
        ClientSecret secret = ClientSecret.readFrom(
                id -> {
                    reads[0]++;
                    return stored[0];
                },
                ARN);

        String first = secret.value();
        String stillFirst = secret.value();
        boolean unchanged = secret.reread();
        stored[0] = "second-secret";
        boolean changed = secret.reread();

        assertThat(first).isEqualTo("first-secret");
        assertThat(stillFirst).isEqualTo("first-secret");
        assertThat(unchanged).isFalse();
        assertThat(changed).isTrue();
        assertThat(secret.value()).isEqualTo("second-secret");
        assertThat(reads[0]).isEqualTo(3);
    }

    @Test
    void aConfiguredSecretNeverChanges() {
        ClientSecret secret = ClientSecret.fixed("local-secret");

        assertThat(secret.reread()).isFalse();
        assertThat(secret.value()).isEqualTo("local-secret");
    }

    @Test
    void anEmptySecretIsRefusedAtStartNamingTheSecretOnly() {
        assertThatThrownBy(() -> ClientSecret.readFrom(id -> " ", ARN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The secret " + ARN + " has no value (SecretString)");
    }

    @Test
    void neverPrintsTheValue() {
        assertThat(ClientSecret.readFrom(id -> "hunter2-secret", ARN).toString())
                .isEqualTo("ClientSecret[" + ARN + "]");
        assertThat(ClientSecret.fixed("hunter2-secret").toString()).isEqualTo("ClientSecret[PRODUCTS_CLIENT_SECRET]");
    }
}
