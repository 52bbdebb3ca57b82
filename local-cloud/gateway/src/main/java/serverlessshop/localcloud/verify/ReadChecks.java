package serverlessshop.localcloud.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import serverlessshop.localcloud.verify.Tokens.Token;

/**
 * What any deployment must answer without anything being changed: the catalog read as a shopper
 * reads it, refusals of bad input and of callers without the right, a customer's own orders. Every
 * answer is also held to the contracts by the run.
 */
final class ReadChecks {

    /** A customer id that is not the token's: lists of it are another customer's. */
    private static final String SOMEONE_ELSE = "verify-someone-else";

    private final CheckRun run;
    private final Credentials credentials;
    private JsonNode firstPage;
    private String productId;
    private String etag;

    ReadChecks(CheckRun run, Credentials credentials) {
        this.run = run;
        this.credentials = credentials;
    }

    void run() {
        catalog();
        browsing();
        refusals();
        customer();
        administrator();
    }

    private void catalog() {
        run.check("list products (one page of 2)", probe -> {
            Answer page = probe.expect(Call.get("/products?limit=2"), 200);
            JsonNode items = page.json().path("items");
            probe.require(items.isArray() && items.size() <= 2, "expected at most 2 items", page);
            firstPage = page.json();
            if (!items.isEmpty()) {
                productId = items.get(0).path("product_id").asText();
            }
        });
        run.check("follow next_cursor to the second page", probe -> {
            if (firstPage == null) {
                probe.skip("no first page");
            }
            String cursor = firstPage.path("next_cursor").asText("");
            if (cursor.isEmpty()) {
                probe.skip("the catalog fits on one page of 2 (no next_cursor)");
            }
            Answer next = probe.expect(
                    Call.get("/products?limit=2&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), 200);
            Set<String> seen = new HashSet<>();
            firstPage
                    .path("items")
                    .forEach(item -> seen.add(item.path("product_id").asText()));
            for (JsonNode item : next.json().path("items")) {
                probe.require(
                        !seen.contains(item.path("product_id").asText()),
                        "the second page repeats " + item.path("product_id").asText() + " of the first",
                        next);
            }
        });
        run.check("get one product, with its ETag", probe -> {
            if (productId == null) {
                probe.skip("the catalog is empty");
            }
            Answer product = probe.expect(Call.get("/products/" + productId), 200);
            probe.require(
                    productId.equals(product.json().path("product_id").asText()), "another product came back", product);
            etag = product.header("ETag").orElse(null);
            probe.require(etag != null, "no ETag", product);
        });
        run.check("get it again with If-None-Match: 304 with the same ETag", probe -> {
            if (etag == null) {
                probe.skip("no product with an ETag");
            }
            Answer again = probe.expect(Call.get("/products/" + productId).header("If-None-Match", etag), 304);
            probe.require(etag.equals(again.header("ETag").orElse(null)), "the ETag changed without a change", again);
        });
        run.check("an unknown product is a 404 problem", probe -> {
            Answer missing = probe.expect(Call.get("/products/" + UUID.randomUUID()), 404);
            requireProblem(probe, missing, "NOT_FOUND");
        });
        run.check("the correlation id comes back", probe -> {
            String id = "verify-" + UUID.randomUUID();
            Answer answer = probe.expect(Call.get("/products?limit=1").header("X-Correlation-Id", id), 200);
            probe.require(
                    id.equals(answer.header("X-Correlation-Id").orElse(null)),
                    "X-Correlation-Id is " + answer.header("X-Correlation-Id").orElse("missing") + ", not " + id,
                    answer);
        });
    }

    private void browsing() {
        run.check("sort=price lists the cheapest first, page after page", probe -> {
            Answer first = probe.expect(Call.get("/products?sort=price&limit=3"), 200);
            List<BigDecimal> prices = prices(first);
            String cursor = first.json().path("next_cursor").asText("");
            if (!cursor.isEmpty()) {
                prices.addAll(
                        prices(probe.expect(Call.get("/products?sort=price&limit=3&cursor=" + encode(cursor)), 200)));
            }
            for (int i = 1; i < prices.size(); i++) {
                probe.require(
                        prices.get(i - 1).compareTo(prices.get(i)) <= 0,
                        "sort=price listed " + prices.get(i - 1) + " before " + prices.get(i),
                        first);
            }
        });
        run.check("a price range holds every product listed", probe -> {
            Answer page = probe.expect(Call.get("/products?min_price=10&max_price=50&limit=20"), 200);
            for (BigDecimal price : prices(page)) {
                probe.require(
                        price.compareTo(BigDecimal.TEN) >= 0 && price.compareTo(BigDecimal.valueOf(50)) <= 0,
                        "min_price=10&max_price=50 listed a product at " + price,
                        page);
            }
        });
        run.check("a cursor of one order is refused by another: a 400 problem naming cursor", probe -> {
            Answer first = probe.expect(Call.get("/products?sort=price&limit=1"), 200);
            String cursor = first.json().path("next_cursor").asText("");
            if (cursor.isEmpty()) {
                probe.skip("the catalog fits on one page of 1 (no next_cursor)");
            }
            Answer refused = probe.expect(Call.get("/products?sort=name&limit=1&cursor=" + encode(cursor)), 400);
            requireField(probe, refused, "cursor");
        });
    }

    private static List<BigDecimal> prices(Answer page) {
        List<BigDecimal> prices = new ArrayList<>();
        for (JsonNode product : page.json().path("items")) {
            prices.add(product.path("price").decimalValue());
        }
        return prices;
    }

    private void refusals() {
        run.check("a bad query parameter is a 400 problem naming it", probe -> {
            Answer refused = probe.expect(Call.get("/products?limit=0").breakingTheContract(), 400);
            requireProblem(probe, refused, "VALIDATION_FAILED");
            requireField(probe, refused, "limit");
        });
        run.check("a malformed product id is a 400 problem naming it", probe -> {
            Answer refused = probe.expect(Call.get("/products/not-a-uuid").breakingTheContract(), 400);
            requireProblem(probe, refused, "VALIDATION_FAILED");
            requireField(probe, refused, "product_id");
        });
        run.check(
                "a protected operation without a token is 401",
                probe -> probe.expect(
                        Call.get("/customers/" + SOMEONE_ELSE + "/orders").breakingTheContract(), 401));
        run.check(
                "a protected operation with a malformed token is 401",
                probe -> probe.expect(
                        Call.get("/customers/" + SOMEONE_ELSE + "/orders")
                                .token("not-a-jwt")
                                .breakingTheContract(),
                        401));
    }

    private void customer() {
        run.check("a customer lists their own orders", probe -> {
            Token customer = credentials.customer(probe);
            Answer page = probe.expect(
                    Call.get("/customers/" + encode(customer.subject()) + "/orders?limit=5")
                            .token(customer.value()),
                    200);
            for (JsonNode order : page.json().path("items")) {
                probe.require(
                        customer.subject().equals(order.path("customer_id").asText()),
                        "the list holds order " + order.path("order_id").asText() + " of another customer",
                        page);
            }
        });
        run.check("another customer's orders are a 403 problem", probe -> {
            Token customer = credentials.customer(probe);
            Answer refused = probe.expect(
                    Call.get("/customers/" + SOMEONE_ELSE + "/orders").token(customer.value()), 403);
            requireProblem(probe, refused, "FORBIDDEN");
        });
        run.check("an order the customer cannot see is a 404 problem", probe -> {
            Token customer = credentials.customer(probe);
            Answer missing =
                    probe.expect(Call.get("/orders/" + UUID.randomUUID()).token(customer.value()), 404);
            requireProblem(probe, missing, "NOT_FOUND");
        });
        run.check("the stock reservations have no public route, whatever the token: 404", probe -> {
            Token customer = credentials.customer(probe);
            probe.expect(
                    Call.get("/products/stock-reservations/" + UUID.randomUUID())
                            .token(customer.value())
                            .breakingTheContract(),
                    404);
        });
    }

    private void administrator() {
        run.check("an administrator lists inactive products", probe -> {
            Token admin = credentials.admin(probe);
            Answer page =
                    probe.expect(Call.get("/products?active=false&limit=5").asAdministrator(admin.value()), 200);
            for (JsonNode product : page.json().path("items")) {
                probe.require(
                        !product.path("is_active").asBoolean(true),
                        "active=false listed the active product "
                                + product.path("product_id").asText(),
                        page);
            }
        });
        run.check("the shoppers' API refuses an administrator's token: 401", probe -> {
            // Its authorizer trusts the shoppers' pool alone: an administrator's token counts under /admin only.
            Token admin = credentials.admin(probe);
            probe.expect(
                    Call.get("/customers/" + encode(admin.subject()) + "/orders")
                            .token(admin.value())
                            .breakingTheContract(),
                    401);
        });
    }

    /** An RFC 9457 problem with this code, as every error of the functions is. */
    static void requireProblem(CheckRun.Probe probe, Answer answer, String code) {
        probe.require(
                answer.contentType().startsWith("application/problem+json"),
                "expected application/problem+json, got " + answer.contentType(),
                answer);
        probe.require(
                code.equals(answer.json().path("code").asText()),
                "expected the code " + code + ", got "
                        + answer.json().path("code").asText("none"),
                answer);
    }

    private static void requireField(CheckRun.Probe probe, Answer answer, String field) {
        boolean named = false;
        for (JsonNode error : answer.json().path("errors")) {
            named |= field.equals(error.path("field").asText());
        }
        probe.require(named, "the problem's errors do not name " + field, answer);
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
