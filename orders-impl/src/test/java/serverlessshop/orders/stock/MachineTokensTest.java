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
import java.util.Base64;
import org.junit.jupiter.api.Test;
import serverlessshop.support.testing.TestIssuer;

/** The machine token comes from the issuer's token endpoint and is kept until shortly before it expires. */
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

    private MachineTokens tokens(String tokenUrl) {
        return new MachineTokens(HttpClient.newHttpClient(), URI.create(tokenUrl), TestIssuer.MACHINE_CLIENT,
                "secret", "products/stock", Duration.ofSeconds(2), clock);
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
        var claims = new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(first.split("\\.")[1]),
                StandardCharsets.UTF_8));
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
}
