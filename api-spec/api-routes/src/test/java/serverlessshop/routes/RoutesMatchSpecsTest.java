package serverlessshop.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutesMatchSpecsTest {

    private static final Path ROUTES_FILE = Path.of(System.getProperty("routes.file", "../target/routes.json"));

    /** What a route says, in the shape of a comparable string per route key. */
    private static Map<String, String> generated;

    private static int generatedCount;

    @BeforeAll
    static void readRoutes() throws IOException {
        JsonNode routes = new ObjectMapper().readTree(ROUTES_FILE.toFile()).get("routes");
        generated = new HashMap<>();
        generatedCount = routes.size();
        for (JsonNode route : routes) {
            JsonNode auth = route.get("authorization");
            generated.put(
                    route.get("route_key").asText(),
                    describe(
                            route.get("method").asText(),
                            route.get("path").asText(),
                            route.get("operation_id").asText(),
                            route.get("function").asText(),
                            auth.get("type").asText(),
                            texts(auth.get("scopes")),
                            texts(auth.get("groups"))));
        }
    }

    @Test
    void routesJsonHasExactlyOneRoutePerPublicOperationOfBothContracts() {
        Map<String, String> expected = new HashMap<>();
        for (Contracts.Op op : Contracts.operations()) {
            if (internal(op)) {
                continue;
            }
            List<SecurityRequirement> security = op.operation().getSecurity() != null
                    ? op.operation().getSecurity()
                    : op.api().getSecurity();
            String type = security == null || security.isEmpty() ? "none" : "jwt";
            List<String> scopes = type.equals("none")
                    ? List.of()
                    : security.getFirst().values().iterator().next();
            Object groups = op.operation().getExtensions() == null
                    ? null
                    : op.operation().getExtensions().get("x-required-groups");
            @SuppressWarnings("unchecked")
            List<String> groupList = groups == null ? List.of() : (List<String>) groups;
            String previous = expected.put(
                    op.routeKey(),
                    describe(
                            op.method().name(),
                            op.path(),
                            op.operation().getOperationId(),
                            op.function(),
                            type,
                            scopes,
                            groupList));
            assertThat(previous).as("two operations share %s", op.routeKey()).isNull();
        }

        assertThat(generatedCount).as("routes in routes.json").isEqualTo(expected.size());
        assertThat(generated).isEqualTo(expected);
    }

    @Test
    void routesCarryTheAuthorizationTheProductNeeds() {
        assertThat(generated.get("GET /products")).contains("auth=none");
        assertThat(generated.get("GET /products/{product_id}")).contains("auth=none");
        // Every protected operation of a customer or an administrator needs the site's scope, shop/orders.
        assertThat(generated.get("POST /products")).contains("auth=jwt scopes=[shop/orders] groups=[admin]");
        assertThat(generated.get("DELETE /products/{product_id}"))
                .contains("auth=jwt scopes=[shop/orders] groups=[admin]");
        assertThat(generated.get("POST /orders"))
                .contains("function=orders")
                .contains("auth=jwt scopes=[shop/orders] groups=[]");
        assertThat(generated.get("GET /customers/{customer_id}/orders"))
                .contains("function=orders")
                .contains("auth=jwt scopes=[shop/orders] groups=[]");
    }

    @Test
    void internalOperationsHaveNoRouteAndStillExistInTheContract() {
        List<String> internal = Contracts.operations().stream()
                .filter(RoutesMatchSpecsTest::internal)
                .map(Contracts.Op::routeKey)
                .toList();

        assertThat(internal)
                .containsExactlyInAnyOrder(
                        "PUT /products/stock-reservations/{reservation_id}",
                        "GET /products/stock-reservations/{reservation_id}",
                        "POST /products/stock-reservations/{reservation_id}/confirm",
                        "POST /products/stock-reservations/{reservation_id}/release");
        assertThat(generated.keySet()).doesNotContainAnyElementsOf(internal);
        assertThat(generated.keySet()).noneMatch(route -> route.contains("stock-reservations"));
    }

    private static boolean internal(Contracts.Op op) {
        return op.operation().getExtensions() != null
                && Boolean.TRUE.equals(op.operation().getExtensions().get(RoutesGenerator.INTERNAL));
    }

    private static String describe(
            String method,
            String path,
            String operationId,
            String function,
            String type,
            List<String> scopes,
            List<String> groups) {
        return method + " " + path + " op=" + operationId + " function=" + function + " auth=" + type
                + (type.equals("none") ? "" : " scopes=" + scopes + " groups=" + groups);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
