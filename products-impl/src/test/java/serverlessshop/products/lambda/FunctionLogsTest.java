package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.HttpApiResponse;
import serverlessshop.support.testing.logs.SensitiveLogScanner;

/**
 * What the products function logs for requests that carry bearer tokens (an administrator's, a
 * customer's, a forged one, the machine client's): the correlation id is answered back, every
 * request line carries it, and no token or secret is in any line.
 */
@ExtendWith({TestDatabase.class, OutputCaptureExtension.class})
class FunctionLogsTest {

    @BeforeAll
    static void startFunction() {
        ProductsFunction.handler();
    }

    @Test
    void theCorrelationIdIsAnsweredAndLogged(CapturedOutput output) {
        String correlationId = "order-" + UUID.randomUUID();

        HttpApiResponse listed = ProductsFunction.invoke(
                HttpApiEvent.fixture("list-products").withHeader("x-correlation-id", correlationId));
        HttpApiResponse withoutHeader = ProductsFunction.invoke(HttpApiEvent.fixture("list-products"));

        assertThat(listed.header("x-correlation-id")).isEqualTo(correlationId);
        assertThat(withoutHeader.header("x-correlation-id"))
                .as("API Gateway's request id")
                .isEqualTo("Yc9xQhKvDoEEJ5A=");
        assertThat(output.getOut().lines().filter(line -> line.contains("GET /products -> 200")))
                .anySatisfy(line -> assertThat(line)
                        .contains("\"correlation_id\":\"" + correlationId + "\"")
                        .contains("\"aws_request_id\":\""));
    }

    @Test
    void noTokenOrSecretIsLoggedWhateverTheOutcome(CapturedOutput output) {
        String sku = "LOG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        HttpApiEvent create =
                HttpApiEvent.fixture("create-product-without-credentials").withBodyField("sku", sku);

        HttpApiResponse created =
                ProductsFunction.invoke(create.withHeader("Authorization", "Bearer " + TestIssuer.admin("admin")));
        HttpApiResponse duplicate =
                ProductsFunction.invoke(create.withHeader("Authorization", "Bearer " + TestIssuer.admin("admin")));
        HttpApiResponse customer =
                ProductsFunction.invoke(create.withHeader("Authorization", "Bearer " + TestIssuer.customer("alice")));
        HttpApiResponse forged = ProductsFunction.invoke(
                create.withHeader("Authorization", "Bearer " + TestIssuer.tamperedSignature("admin")));
        HttpApiResponse secretInBody =
                ProductsFunction.invoke(create.withBodyField("client_secret", "orders-test-secret")
                        .withHeader("Authorization", "Bearer " + TestIssuer.admin("admin")));

        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(secretInBody.statusCode()).isEqualTo(400);
        SensitiveLogScanner.standard().assertClean(output.getAll());
    }
}
