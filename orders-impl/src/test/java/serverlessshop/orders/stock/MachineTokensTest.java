package serverlessshop.orders.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import serverlessshop.orders.testing.ClientCheckingTokenEndpoint;
import serverlessshop.support.secrets.SecretSource;
import serverlessshop.support.testing.TestIssuer;

/**
 * The machine token comes from the issuer's token endpoint and is kept until shortly before it
 * expires; a client secret the endpoint refuses is read again and, if it changed, tried once more.
 * A fake secret store stands in for Secrets Manager (SecretsManagerSecretSourceTest tests the SDK call;
 * ClientSecretFromSecretsManagerTest the whole service with it).
 */
class MachineTokensTest {

    private Instant now = Instant.parse("2026-09-21T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-client-AbC123";

    /** A secret store whose value the test changes, counting reads; it fails while {@code down}. */
    private final List<String> reads = new ArrayList<>();

    private String stored = "first-secret";
    private boolean down;
    private final SecretSource store = secretId -> {
        assertThat(secretId).isEqualTo(ARN);
        reads.add(secretId);
        if (down) {
            throw new IllegalStateException("Secrets Manager did not answer");
        }
        return stored;
    };

    private final ClientCheckingTokenEndpoint cognito = new ClientCheckingTokenEndpoint("first-secret");

    @AfterEach
    void stop() {
        cognito.close();
    }

    private MachineTokens tokens(String tokenUrl) {
        return tokens(tokenUrl, ClientSecret.fixed("secret"));
    }

    private MachineTokens tokens(String tokenUrl, ClientSecret secret) {
        return new MachineTokens(
                HttpClient.newHttpClient(),
                URI.create(tokenUrl),
                TestIssuer.MACHINE_CLIENT,
                secret,
                "products/stock",
                Duration.ofSeconds(2),
                clock);
    }

    @Test
    void theTokenHasTheStockScopeAndIsKeptUntilAMinuteBeforeItExpires() throws Exception {
        MachineTokens tokens = tokens(TestIssuer.tokenEndpoint());

        String first = tokens.accessToken();
        now = now.plusSeconds(3000);
        String stillFirst = tokens.accessToken();
        now = now.plusSeconds(550); // the token lives an hour: less than a minute left
        String second = tokens.accessToken();

        assertThat(stillFirst).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        var claims = new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(first.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("scope").asText()).isEqualTo("products/stock");
        assertThat(claims.path("client_id").asText()).isEqualTo(TestIssuer.MACHINE_CLIENT);
    }

    @Test
    void aRefusedTokenIsForgottenAndTheNextCallFetchesANewOne() {
        MachineTokens tokens = tokens(TestIssuer.tokenEndpoint());
        String refused = tokens.accessToken();

        tokens.forget(refused);

        assertThat(tokens.accessToken()).isNotEqualTo(refused);
    }

    @Test
    void anUnreachableTokenEndpointMakesProductsUnavailable() {
        MachineTokens tokens = tokens("http://127.0.0.1:1/oauth2/token");

        assertThatThrownBy(tokens::accessToken).isInstanceOf(ProductsUnavailable.class);
    }

    @Test
    void aRotatedSecretIsReadAgainAndTheTokenAskedForOnceMoreWithIt() {
        MachineTokens tokens = tokens(cognito.tokenUrl(), ClientSecret.readFrom(store, ARN));
        String before = tokens.accessToken();
        stored = "second-secret";
        cognito.rotate("second-secret");
        now = now.plusSeconds(3600); // the token expired: the next call asks for a new one

        String after = tokens.accessToken();

        assertThat(before).isNotBlank();
        assertThat(after).isNotBlank().isNotEqualTo(before);
        assertThat(cognito.secretsShown()).containsExactly("first-secret", "first-secret", "second-secret");
        assertThat(reads).as("once at start, once after invalid_client").hasSize(2);
    }

    @Test
    void aRefusedSecretThatDidNotChangeIsNotTriedAgain() {
        MachineTokens tokens = tokens(cognito.tokenUrl(), ClientSecret.readFrom(store, ARN));
        cognito.rotate("a-secret-the-store-does-not-have-yet");

        assertThatThrownBy(tokens::accessToken).isInstanceOf(ProductsUnavailable.class);
        assertThat(cognito.secretsShown()).containsExactly("first-secret");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aSecretThatCannotBeReadAgainMakesProductsUnavailableWithoutARetry() {
        MachineTokens tokens = tokens(cognito.tokenUrl(), ClientSecret.readFrom(store, ARN));
        cognito.rotate("second-secret");
        down = true;

        assertThatThrownBy(tokens::accessToken).isInstanceOf(ProductsUnavailable.class);
        assertThat(cognito.secretsShown()).containsExactly("first-secret");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aConfiguredSecretIsNeverReadFromAStore() {
        MachineTokens tokens = tokens(cognito.tokenUrl(), ClientSecret.fixed("not-the-secret"));

        assertThatThrownBy(tokens::accessToken).isInstanceOf(ProductsUnavailable.class);
        assertThat(cognito.secretsShown()).containsExactly("not-the-secret");
        assertThat(reads).isEmpty();
    }

    @Test
    void onlyARefusedClientRereadsTheSecret() {
        MachineTokens tokens = tokens("http://127.0.0.1:1/oauth2/token", ClientSecret.readFrom(store, ARN));

        assertThatThrownBy(tokens::accessToken).isInstanceOf(ProductsUnavailable.class);
        assertThat(reads).as("the read at start only").hasSize(1);
    }
}
