package serverlessshop.products.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.TestCaller;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * The stock reservations at the real handler with real payload-2.0 events: served to a direct
 * invocation (a Lambda context with a client context, as the orders function's Invoke carries), and
 * answered 404 problem+json, like an unknown path, to the same events from API Gateway, whatever
 * token the authorizer accepted.
 */
@ExtendWith(TestDatabase.class)
class DirectInvocationTest {

    @BeforeAll
    static void startFunction() {
        ProductsFunction.handler();
    }

    @Test
    void aDirectInvocationReservesReadsConfirmsAndReleases() {
        String product = createProduct(5);
        String reservation = UUID.randomUUID().toString();

        HttpApiResponse reserved = ProductsFunction.invokeDirectly(reserve(reservation, product));
        HttpApiResponse read = ProductsFunction.invokeDirectly(get(reservation));
        HttpApiResponse confirmed = ProductsFunction.invokeDirectly(action(reservation, "confirm"));
        HttpApiResponse released = ProductsFunction.invokeDirectly(action(reservation, "release"));

        assertThat(reserved.statusCode()).as(reserved.toString()).isEqualTo(201);
        assertThat(reserved.bodyJson().path("status").asText()).isEqualTo("RESERVED");
        assertThat(read.statusCode()).as(read.toString()).isEqualTo(200);
        assertThat(confirmed.statusCode()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.bodyJson().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(released.statusCode()).as(released.toString()).isEqualTo(200);
        assertThat(released.bodyJson().path("status").asText()).isEqualTo("RELEASED");
    }

    @Test
    void fromApiGatewayEveryStockOperationIs404WhateverTheToken() {
        String product = createProduct(5);
        String reservation = UUID.randomUUID().toString();
        assertThat(ProductsFunction.invokeDirectly(reserve(reservation, product))
                        .statusCode())
                .isEqualTo(201);
        Map<String, Function<String, HttpApiEvent>> operations = Map.of(
                "reserveStock", id -> reserve(id, product),
                "getReservation", DirectInvocationTest::get,
                "confirmReservation", id -> action(id, "confirm"),
                "releaseReservation", id -> action(id, "release"));

        operations.forEach((operation, event) -> {
            for (TestCaller caller : new TestCaller[] {TestCaller.MACHINE, TestCaller.ADMIN, TestCaller.ANONYMOUS}) {
                HttpApiResponse response = ProductsFunction.invoke(caller.event(event.apply(reservation)));

                assertThat(response.statusCode())
                        .as(operation + " as " + caller + ": " + response)
                        .isEqualTo(404);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                assertThat(response.bodyJson().path("code").asText()).isEqualTo("NOT_FOUND");
            }
        });
        HttpApiResponse afterwards = ProductsFunction.invokeDirectly(get(reservation));
        assertThat(afterwards.bodyJson().path("status").asText())
                .as("nothing the public requests asked for happened")
                .isEqualTo("RESERVED");
    }

    private static String createProduct(int stock) {
        HttpApiResponse created = ProductsFunction.invoke(TestCaller.ADMIN.event(HttpApiEvent.request("POST /products")
                .headers(Map.of("accept", "application/json", "content-type", "application/json"))
                .body("{\"sku\":\"DIRECT-" + UUID.randomUUID()
                        + "\",\"name\":\"Lamp\",\"price\":1.50,\"stock_quantity\":" + stock + "}")
                .build()));
        assertThat(created.statusCode()).as(created.toString()).isEqualTo(201);
        return created.bodyJson().path("product_id").asText();
    }

    private static HttpApiEvent reserve(String reservation, String product) {
        return HttpApiEvent.request("PUT /products/stock-reservations/{reservation_id}")
                .path("/products/stock-reservations/" + reservation)
                .pathParameters(Map.of("reservation_id", reservation))
                .headers(Map.of("accept", "application/json", "content-type", "application/json"))
                .body("{\"items\":[{\"product_id\":\"" + product + "\",\"quantity\":1}]}")
                .build();
    }

    private static HttpApiEvent get(String reservation) {
        return HttpApiEvent.request("GET /products/stock-reservations/{reservation_id}")
                .path("/products/stock-reservations/" + reservation)
                .pathParameters(Map.of("reservation_id", reservation))
                .header("accept", "application/json")
                .build();
    }

    private static HttpApiEvent action(String reservation, String action) {
        return HttpApiEvent.request("POST /products/stock-reservations/{reservation_id}/" + action)
                .path("/products/stock-reservations/" + reservation + "/" + action)
                .pathParameters(Map.of("reservation_id", reservation))
                .header("accept", "application/json")
                .build();
    }
}
