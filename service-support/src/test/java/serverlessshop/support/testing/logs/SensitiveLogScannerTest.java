package serverlessshop.support.testing.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.logs.SensitiveLogScanner.Finding;
import serverlessshop.support.testing.logs.SensitiveLogScanner.Kind;

/** The scanner finds each kind of sensitive value, in plain and JSON log lines, and passes ordinary ones. */
class SensitiveLogScannerTest {

    private final SensitiveLogScanner scanner =
            SensitiveLogScanner.standard().withSecrets("db-pa55word").withAddresses("123 Serverless Way");

    @Test
    void aRealAccessTokenIsAJwtAndItsHeaderACredential() {
        String token = TestIssuer.customer("alice");

        assertThat(kinds("Authorization: Bearer " + token)).contains(Kind.JWT, Kind.CREDENTIAL);
        assertThat(kinds("{\"message\":\"token " + token + "\"}")).containsExactly(Kind.JWT);
    }

    @Test
    void anUnsignedTokenIsAJwtToo() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String none = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8)) + ".";

        assertThat(kinds("rejected " + none + " from 10.0.0.1")).containsExactly(Kind.JWT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "calling products with Bearer 9f8e7d6c5b4a39281706",
                "{\"headers\":{\"authorization\":\"AWS4-HMAC-SHA256Credential\"}}",
                "headers=[authorization:\"Xk29sLmQpR7tYw\"]",
            })
    void authorizationValuesAreCredentials(String line) {
        assertThat(kinds(line)).contains(Kind.CREDENTIAL);
    }

    @Test
    void basicCredentialsAreFoundButTheWordBasicIsNot() {
        String basic = Base64.getEncoder().encodeToString("orders:hunter2".getBytes(StandardCharsets.UTF_8));

        assertThat(kinds("Authorization: Basic " + basic)).contains(Kind.CREDENTIAL);
        assertThat(kinds("Basic authentication is not used here")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:mysql://db:3306/products?user=shop&password=s3cr3t",
                "{\"client_secret\":\"abc123\"}",
                "spring.datasource.password: letmein",
                "PRODUCTS_CLIENT_SECRET=xyz",
                "the secret: hunter2",
            })
    void passwordsAndSecretsWithAValueAreFound(String line) {
        assertThat(kinds(line)).contains(Kind.PASSWORD);
    }

    @Test
    void knownSecretsAreFoundAnywhere() {
        assertThat(kinds("token request for orders with orders-test-secret")).containsExactly(Kind.KNOWN_SECRET);
        assertThat(kinds("connected as shop/db-pa55word")).containsExactly(Kind.KNOWN_SECRET);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"message\":\"placing {\\\"shipping_address\\\":{\\\"street\\\":\\\"1 Elm\\\"}}\"}",
                "{\"shipping_address\":{\"street\":\"1 Elm\"}}",
                "StoredOrder[orderId=1, shippingAddress=StoredAddress[street=1 Elm]]",
                "shipped to 123 SERVERLESS WAY, Cloud City",
            })
    void shippingAddressesAreFound(String line) {
        assertThat(kinds(line)).contains(Kind.SHIPPING_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"log.level\":\"INFO\",\"message\":\"Order 1: reserved\","
                        + "\"aws_request_id\":\"8f5c2a1e-1111-2222-3333-444455556666\",\"correlation_id\":\"Yc9xZrT4DoEEKEJ=\"}",
                "This operation needs an access token (Authorization: Bearer ...).",
                "Products DB jdbc:mysql://db/products?password=***   (PRODUCTS_DB_URL)",
                "set PRODUCTS_DB_URL (and PRODUCTS_DB_USER, PRODUCTS_DB_PASSWORD)",
                "spring.datasource.password=",
                "Access denied for user 'shop'@'10.0.0.1' (using password: YES)",
                "Order 0192f1a4: shippingAddress=null",
                "bearer authentication with a JWT",
                "SHOP_BENCH_TIMING handler_us=1234 downstream_us=800 downstream_calls=3",
                "read arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-dev-orders-client-secret-AbC123 again",
            })
    void ordinaryLinesAreClean(String line) {
        assertThat(scanner.scan(List.of(line))).isEmpty();
    }

    @Test
    void assertCleanFailsWithMaskedFindingsAndTheirLines() {
        String output = "starting\npassword=hunter2\nready";

        assertThatThrownBy(() -> scanner.assertClean(output))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("line 2: PASSWORD")
                .hasMessageNotContaining("hunter2");
        scanner.assertClean("starting\nready");
    }

    private List<Kind> kinds(String line) {
        return scanner.scan(List.of(line)).stream()
                .map(Finding::kind)
                .distinct()
                .toList();
    }
}
