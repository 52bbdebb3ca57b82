package serverlessshop.localcloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import serverlessshop.localcloud.Repository;

class RouteTableTest {

    private static Route route(String method, String path) {
        return new Route(method + " " + path, method, path, "op", "fn", Route.Authorization.NONE);
    }

    private static final RouteTable SHOP = new RouteTable(List.of(
            route("GET", "/products"),
            route("POST", "/products"),
            route("GET", "/products/{product_id}"),
            route("PUT", "/products/stock-reservations/{reservation_id}"),
            route("GET", "/products/stock-reservations/{reservation_id}"),
            route("POST", "/products/stock-reservations/{reservation_id}/confirm"),
            route("GET", "/customers/{customer_id}/orders")));

    private static Optional<String> routeKey(RouteTable table, String method, String path) {
        return table.match(method, path).map(match -> match.route().routeKey());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /products, GET /products",
        "GET, /products/abc, GET /products/{product_id}",
        // A literal segment beats a variable: not product "stock-reservations"'s sub-resource.
        "GET, /products/stock-reservations/r1, GET /products/stock-reservations/{reservation_id}",
        // ...but with one segment, "stock-reservations" is just a product id.
        "GET, /products/stock-reservations, GET /products/{product_id}",
        "POST, /products/stock-reservations/r1/confirm, POST /products/stock-reservations/{reservation_id}/confirm",
        "GET, /customers/alice/orders, GET /customers/{customer_id}/orders"
    })
    void selectsTheMostSpecificRoute(String method, String path, String expected) {
        assertThat(routeKey(SHOP, method, path)).contains(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "DELETE, /products/abc", // no such method on the path
        "PATCH, /products",
        "GET, /products/", // a variable takes a non-empty segment; trailing slash is another path
        "GET, /products//confirm",
        "GET, /products/a/b", // a variable takes one segment only
        "GET, /orders",
        "GET, /",
        "GET, products"
    })
    void matchesNothingElse(String method, String path) {
        assertThat(SHOP.match(method, path)).isEmpty();
    }

    @Test
    void pathParametersArePercentDecodedButKeepPlusSigns() {
        RouteMatch match = SHOP.match("GET", "/customers/a%40b.c+d/orders").orElseThrow();
        assertThat(match.pathParameters()).isEqualTo(Map.of("customer_id", "a@b.c+d"));
    }

    @Test
    void methodsMatchCaseInsensitivelyAndAnyMatchesEveryMethodButLosesToANamedOne() {
        RouteTable table = new RouteTable(List.of(route("ANY", "/items/{id}"), route("GET", "/items/{id}")));
        assertThat(routeKey(table, "get", "/items/1")).contains("GET /items/{id}");
        assertThat(routeKey(table, "DELETE", "/items/1")).contains("ANY /items/{id}");
    }

    @Test
    void aGreedyVariableTakesTheRestOfThePathAndLosesToEverythingMoreSpecific() {
        RouteTable table = new RouteTable(List.of(
                route("GET", "/files/{proxy+}"), route("GET", "/files/{id}"), route("GET", "/files/special/{id}")));
        assertThat(table.match("GET", "/files/a/b/c").orElseThrow().pathParameters())
                .containsEntry("proxy", "a/b/c");
        assertThat(routeKey(table, "GET", "/files/a")).contains("GET /files/{id}");
        assertThat(routeKey(table, "GET", "/files/special/a")).contains("GET /files/special/{id}");
        assertThat(table.match("GET", "/files")).isEmpty();
    }

    @Test
    void apiPathsAreTheOnesUnderTheRoutesFirstSegments() {
        assertThat(SHOP.isApiPath("/products")).isTrue();
        assertThat(SHOP.isApiPath("/products/x/y/z")).isTrue();
        assertThat(SHOP.isApiPath("/customers")).isTrue();
        assertThat(SHOP.isApiPath("/")).isFalse();
        assertThat(SHOP.isApiPath("/docs")).isFalse();
        assertThat(SHOP.isApiPath("/productsx")).isFalse();
    }

    @Test
    void everyRouteOfTheGeneratedRoutesJsonMatchesItselfAndOnlyItself() throws IOException {
        RouteTable table = RouteTable.load(Repository.routesJson());
        assertThat(table.routes()).hasSizeGreaterThanOrEqualTo(9);
        for (Route route : table.routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60");
            assertThat(routeKey(table, route.method(), path))
                    .as(route.routeKey())
                    .contains(route.routeKey());
            assertThat(route.function()).isIn("products", "orders");
        }
    }
}
