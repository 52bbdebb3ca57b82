package serverlessshop.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Keyset pagination at depth: page 1 against page 1000 of the catalogue (100,000 products, pages of
 * 20) in each of its orders, within a price range and within a category, and of one customer's orders
 * (10,000 orders, pages of 10), alternating request by request on the production stack. With keyset
 * pagination the deep page costs what the first does.
 */
final class ScaleRun {

    private final Load load;
    private final BenchOptions options;

    ScaleRun(Load load, BenchOptions options) {
        this.load = load;
        this.options = options;
    }

    int deepPage() {
        return options.quick() ? 100 : 1_000;
    }

    int deepCustomerOrders() {
        return options.quick() ? 1_000 : 10_000;
    }

    /**
     * The catalogue's listings measured at depth: its default order, each other order, a price range
     * (about 60 % of the catalogue's prices, 1.00 to 500.99) and a category (a quarter of it).
     */
    static List<Listing> listings(Fixtures fixtures) {
        String products = String.format("%,d", fixtures.catalogueSize()) + " products";
        String category = fixtures.categories().getFirst();
        return List.of(
                new Listing("GET /products, " + products, ""),
                new Listing("GET /products?sort=price, " + products, "sort=price&"),
                new Listing("GET /products?sort=-price, " + products, "sort=-price&"),
                new Listing("GET /products?sort=newest, " + products, "sort=newest&"),
                new Listing(
                        "GET /products?min_price=100&max_price=400, " + products + " (60 % in the range)",
                        "min_price=100&max_price=400&"),
                new Listing(
                        "GET /products?category=" + category + ", " + products + " (1 in "
                                + fixtures.categories().size() + " in the category)",
                        "category=" + category + "&"));
    }

    /** One listing of the catalogue: what the report calls it, and its query's parameters before the limit. */
    record Listing(String what, String parameters) {}

    void run(Report report, LocalCloudProcess stack, Fixtures fixtures, String deepCustomerToken) throws Exception {
        Pages pages = new Pages();
        for (Listing listing : listings(fixtures)) {
            String path = "/products?" + listing.parameters() + "limit=";
            String productsCursor = pages.cursorOfPage(stack.baseUrl(), path, null, deepPage(), 20);
            compare(report, stack, listing.what() + ", pages of 20", Map.of(), path + "20", productsCursor, 1.3);
        }

        String ordersPath = "/customers/" + Bench.DEEP_CUSTOMER + "/orders?limit=";
        String ordersCursor = pages.cursorOfPage(stack.baseUrl(), ordersPath, deepCustomerToken, deepPage(), 10);
        compare(
                report,
                stack,
                "GET /customers/{id}/orders, " + String.format("%,d", deepCustomerOrders()) + " orders, pages of 10",
                Map.of("Authorization", deepCustomerToken),
                ordersPath + "10",
                ordersCursor,
                // The deep page's Query starts at its cursor and reads only the listed attributes:
                // it reads what page 1 reads (orders-impl's OrderRepository.listByCustomer).
                1.15);
        report.method(
                "Scale",
                "the cursor of page " + deepPage() + " is reached the way a client reaches it, by"
                        + " walking the list through the API (pages of 100, then of the page size); then page 1 and page "
                        + deepPage() + " are requested alternately by one client on the production stack ("
                        + options.seconds(2) + " s warm-up, up to " + options.seconds(6) + " s or 1,000 requests each);"
                        + " the ratio is of the medians. The catalogue is measured in each order (sort), within a"
                        + " price range and within a category. Products are seeded with batched SQL inserts (prices"
                        + " 1.00 to 500.99 and creation times a second apart, each in an order unlike the names',"
                        + " every product in one of " + Fixtures.CATEGORIES + " categories), the customer's"
                        + " orders with DynamoDB BatchWriteItem.");
    }

    private void compare(
            Report report,
            LocalCloudProcess stack,
            String what,
            Map<String, String> headers,
            String firstPage,
            String cursor,
            double goal)
            throws Exception {
        String deep = firstPage + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        List<LoadPlan.Outcome> outcomes = load.run(new LoadPlan(
                List.of(
                        new LoadPlan.Variant(
                                "page " + deepPage(),
                                stack.baseUrl(),
                                List.of(new LoadPlan.Request("GET", deep, headers, null))),
                        new LoadPlan.Variant(
                                "page 1",
                                stack.baseUrl(),
                                List.of(new LoadPlan.Request("GET", firstPage, headers, null)))),
                1,
                options.seconds(2),
                10,
                options.seconds(6),
                1_000,
                null));
        WarmLatency.failures(report, what, outcomes.get(0));
        WarmLatency.failures(report, what, outcomes.get(1));
        Samples deepPage = outcomes.get(0).latencies();
        Samples firstPages = outcomes.get(1).latencies();
        double ratio = (double) deepPage.median() / firstPages.median();
        report.add(new Row(
                "Scale (keyset pagination, p50 / p99)",
                what + ": page " + deepPage() + " vs page 1",
                Row.duration(deepPage.median()) + " / " + Row.duration(deepPage.percentile(99)),
                Row.duration(firstPages.median()) + " / " + Row.duration(firstPages.percentile(99)),
                Row.ratio(deepPage.median(), firstPages.median()),
                "p50 ratio ≤ " + goal,
                ratio <= goal));
    }
}
