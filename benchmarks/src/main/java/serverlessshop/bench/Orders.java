package serverlessshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Request bodies of POST /orders: two products, one unit each, as a shop's checkout sends them. */
final class Orders {

    private Orders() {}

    static String body(BenchDatabase.Product first, BenchDatabase.Product second) {
        return "{\"items\":[{\"product_id\":\"" + first.id() + "\",\"quantity\":1},{\"product_id\":\"" + second.id()
                + "\",\"quantity\":1}],\"shipping_address\":{\"street\":\"1 Benchmark Road\",\"city\":\"Loadville\","
                + "\"zip_code\":\"12345\",\"country\":\"US\"}}";
    }

    /**
     * {@code count} orders of two different products drawn from {@code products} (seeded: every run
     * alike); {@code authorization} may be null (see {@link #post}).
     */
    static List<LoadPlan.Request> randomPairs(List<BenchDatabase.Product> products, int count, String authorization) {
        Random random = new Random(8);
        List<LoadPlan.Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(products.size());
            int b = (a + 1 + random.nextInt(products.size() - 1)) % products.size();
            requests.add(post(body(products.get(a), products.get(b)), authorization));
        }
        return requests;
    }

    /** A POST /orders of {@code body}; without Authorization when null (each client sends its own buyer's). */
    static LoadPlan.Request post(String body, String authorization) {
        return new LoadPlan.Request(
                "POST",
                "/orders",
                authorization == null
                        ? Map.of("Content-Type", "application/json")
                        : Map.of("Authorization", authorization, "Content-Type", "application/json"),
                body);
    }

    /** {@code quantity} units of one product: a sale's order. */
    static String body(BenchDatabase.Product product, int quantity) {
        return "{\"items\":[{\"product_id\":\"" + product.id() + "\",\"quantity\":" + quantity
                + "}],\"shipping_address\":{\"street\":\"1 Benchmark Road\",\"city\":\"Loadville\","
                + "\"zip_code\":\"12345\",\"country\":\"US\"}}";
    }
}
