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

    /** {@code count} orders of two different products drawn from {@code products} (seeded: every run alike). */
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

    static LoadPlan.Request post(String body, String authorization) {
        return new LoadPlan.Request(
                "POST", "/orders", Map.of("Authorization", authorization, "Content-Type", "application/json"), body);
    }
}
