package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-customer cap on units of one product in open orders (OWASP API4/API6), through the local
 * gateway and its issuer as a client meets it: the other suites turn the cap off, this stack has it
 * at 3, set the way Terraform sets it in AWS ({@code ORDERS_MAX_OPEN_UNITS_PER_PRODUCT} in the
 * orders functions' environment).
 */
class GatewayOpenUnitsLimitTest {

    private static final int CAP = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningLocalCloud running;

    @BeforeAll
    static void startStack() throws Exception {
        running = RunningLocalCloud.startWith("ORDERS_MAX_OPEN_UNITS_PER_PRODUCT=" + CAP);
    }

    @AfterAll
    static void stopStack() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void aCustomerOverTheCapGetsA409ProblemNamingTheProductAndOthersStillOrder() throws Exception {
        String admin = running.adminIssuer().signIn("admin");
        String alice = running.issuer().signIn("alice");
        String bob = running.issuer().signIn("bob");
        HttpResponse<String> created = running.send("POST", "/admin/products", admin, """
                {"sku": "CAP-LAMP-%s", "name": "Capped lamp", "description": "Made by the open-units test.",
                 "price": 39.90, "stock_quantity": 25, "is_active": true}""".formatted(
                        UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String lamp = JSON.readTree(created.body()).path("product_id").asText();

        assertThat(place(alice, lamp, 2).statusCode()).isEqualTo(201);
        HttpResponse<String> over = place(alice, lamp, 2);

        assertThat(over.statusCode()).as(over.body()).isEqualTo(409);
        assertThat(over.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(over.body());
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("code").asText()).isEqualTo("OPEN_UNITS_LIMIT");
        assertThat(problem.path("detail").asText()).contains(lamp).contains(CAP + " units");
        assertThat(stockOf(lamp, admin))
                .as("the refused order reserved nothing")
                .isEqualTo(23);

        assertThat(place(alice, lamp, 1).statusCode()).as("up to the cap").isEqualTo(201);
        assertThat(place(bob, lamp, 2).statusCode())
                .as("each customer has their own")
                .isEqualTo(201);
        assertThat(stockOf(lamp, admin)).isEqualTo(20);
    }

    private static HttpResponse<String> place(String token, String productId, int quantity) throws Exception {
        String order = """
                {"items": [{"product_id": "%s", "quantity": %d}],
                 "shipping_address": {"street": "123 Serverless Way", "city": "Cloud City", "zip_code": "12345", "country": "US"}}
                """.formatted(productId, quantity);
        return running.send(
                "POST",
                "/orders",
                token,
                order,
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    private static int stockOf(String productId, String admin) throws Exception {
        HttpResponse<String> product = running.send("GET", "/admin/products/" + productId, admin, null);
        assertThat(product.statusCode()).as(product.body()).isEqualTo(200);
        return JSON.readTree(product.body()).path("stock_quantity").asInt();
    }
}
