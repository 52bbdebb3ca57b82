package serverlessshop.localcloud.verify;

import java.util.UUID;
import serverlessshop.localcloud.verify.Tokens.Token;

/**
 * WRITE=1: a whole purchase on data of its own, cleaned up afterwards. An administrator creates a
 * product with stock, a customer orders it with an Idempotency-Key, the replay answers the same
 * order, the customer cancels it (the stock comes back) and the administrator deletes the product.
 * Whatever fails, what was made is undone at the end (the cancelled order stays: orders are never
 * deleted), and the clean-up is reported as checks too.
 */
final class WriteChecks {

    static final int STOCK = 5;
    private static final int QUANTITY = 2;
    private static final String ADDRESS =
            "{\"street\": \"1 Verification Road\", \"city\": \"Test City\", \"zip_code\": \"12345\", \"country\": \"US\"}";

    private final CheckRun run;
    private final Credentials credentials;
    private String productId;
    private String orderId;
    private boolean orderCancelled;
    private boolean productDeleted;

    WriteChecks(CheckRun run, Credentials credentials) {
        this.run = run;
        this.credentials = credentials;
    }

    void run() {
        try {
            purchase();
        } finally {
            cleanUp();
        }
    }

    private void purchase() {
        String sku = "VERIFY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        run.check("an administrator creates a product with stock", probe -> {
            Token admin = credentials.admin(probe);
            Answer created = probe.expect(
                    Call.send("POST", "/products", """
                    {"sku": "%s", "name": "Verification product", "description": "Made and deleted again by make verify WRITE=1.",
                     "price": 12.50, "stock_quantity": %d, "is_active": true}""".formatted(sku, STOCK)).asAdministrator(admin.value()), 201);
            productId = created.json().path("product_id").asText(null);
            probe.require(productId != null, "no product_id", created);
            probe.require(
                    created.header("Location").orElse("").endsWith("/products/" + productId),
                    "Location does not name the new product",
                    created);
        });
        run.check("a customer may not change the catalog: 403", probe -> {
            requireProduct(probe);
            Token customer = credentials.customer(probe);
            Answer refused = probe.expect(
                    Call.send("DELETE", "/products/" + productId, null).token(customer.value()), 403);
            ReadChecks.requireProblem(probe, refused, "FORBIDDEN");
        });
        String key = UUID.randomUUID().toString();
        String order = """
                {"items": [{"product_id": "%s", "quantity": %d}], "shipping_address": %s}""";
        run.check("a customer places an order with an Idempotency-Key", probe -> {
            requireProduct(probe);
            Token customer = credentials.customer(probe);
            Answer placed = probe.expect(
                    Call.send("POST", "/orders", order.formatted(productId, QUANTITY, ADDRESS))
                            .token(customer.value())
                            .header("Idempotency-Key", key),
                    201);
            orderId = placed.json().path("order_id").asText(null);
            probe.require(orderId != null, "no order_id", placed);
            probe.require(
                    customer.subject().equals(placed.json().path("customer_id").asText()),
                    "the order is not the token's customer's",
                    placed);
            probe.require(
                    placed.json().path("total_amount").decimalValue().compareTo(new java.math.BigDecimal("25.00")) == 0,
                    "the total is not 2 x 12.50 from the catalog",
                    placed);
        });
        run.check("the replay with the same key answers the same order", probe -> {
            requireOrder(probe);
            Token customer = credentials.customer(probe);
            Answer replayed = probe.expect(
                    Call.send("POST", "/orders", order.formatted(productId, QUANTITY, ADDRESS))
                            .token(customer.value())
                            .header("Idempotency-Key", key),
                    201);
            probe.require(
                    orderId.equals(replayed.json().path("order_id").asText()), "another order was made", replayed);
            probe.require(
                    "true".equals(replayed.header("Idempotent-Replayed").orElse(null)),
                    "no Idempotent-Replayed: true",
                    replayed);
        });
        run.check("the order took its stock", probe -> {
            requireOrder(probe);
            Answer product = probe.expect(Call.get("/products/" + productId), 200);
            int stock = product.json().path("stock_quantity").asInt(-1);
            probe.require(stock == STOCK - QUANTITY, "stock is " + stock + ", not " + (STOCK - QUANTITY), product);
        });
        run.check("the customer cancels the order", probe -> {
            requireOrder(probe);
            Token customer = credentials.customer(probe);
            Answer read = probe.expect(Call.get("/orders/" + orderId).token(customer.value()), 200);
            Call cancel = Call.send("PUT", "/orders/" + orderId, "{\"order_status\": \"CANCELLED\"}")
                    .token(customer.value());
            String etag = read.header("ETag").orElse(null);
            Answer cancelled = probe.expect(etag == null ? cancel : cancel.header("If-Match", etag), 200);
            orderCancelled =
                    "CANCELLED".equals(cancelled.json().path("order_status").asText());
            probe.require(
                    orderCancelled,
                    "the order is " + cancelled.json().path("order_status").asText(),
                    cancelled);
        });
        run.check("cancelling returned the stock", probe -> {
            if (!orderCancelled) {
                probe.skip("no cancelled order");
            }
            Answer product = probe.expect(Call.get("/products/" + productId), 200);
            int stock = product.json().path("stock_quantity").asInt(-1);
            probe.require(stock == STOCK, "stock is " + stock + ", not " + STOCK, product);
        });
        run.check("the administrator deletes the product", probe -> {
            requireProduct(probe);
            Token admin = credentials.admin(probe);
            String etag = probe.expect(Call.get("/products/" + productId).asAdministrator(admin.value()), 200)
                    .header("ETag")
                    .orElse(null);
            Call delete = Call.send("DELETE", "/products/" + productId, null).asAdministrator(admin.value());
            probe.expect(etag == null ? delete : delete.header("If-Match", etag), 204);
            productDeleted = true;
            probe.expect(Call.get("/products/" + productId), 404);
        });
    }

    /** Undoes what the checks above made and did not undo themselves, whatever failed. */
    private void cleanUp() {
        if (orderId != null && !orderCancelled && credentials.customer() != null) {
            run.check("clean up: cancel order " + orderId, probe -> {
                Answer cancelled =
                        probe.send(Call.send("PUT", "/orders/" + orderId, "{\"order_status\": \"CANCELLED\"}")
                                .token(credentials.customer().value()));
                probe.require(cancelled.status() == 200 || cancelled.status() == 409, "could not cancel it", cancelled);
            });
        }
        if (productId != null && !productDeleted && credentials.admin() != null) {
            run.check("clean up: delete product " + productId, probe -> {
                Answer deleted = probe.send(Call.send("DELETE", "/products/" + productId, null)
                        .asAdministrator(credentials.admin().value()));
                probe.require(deleted.status() == 204 || deleted.status() == 404, "could not delete it", deleted);
            });
        }
    }

    private void requireProduct(CheckRun.Probe probe) {
        if (productId == null) {
            probe.skip("no product of its own (the product was not created)");
        }
    }

    private void requireOrder(CheckRun.Probe probe) {
        if (orderId == null) {
            probe.skip("no order of its own (the order was not placed)");
        }
    }
}
