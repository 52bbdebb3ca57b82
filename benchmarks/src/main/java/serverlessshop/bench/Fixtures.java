package serverlessshop.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the run seeded into the products database. The catalogue fills the listing (100,000
 * products); the two "warm" products serve the warm-latency reads and orders with stock that never
 * runs out; the ten "hot" products take the contention run's orders; the ten "sell-out" products
 * start with a little stock each, for the oversell check.
 */
record Fixtures(
        List<BenchDatabase.Product> catalogueSample,
        int catalogueSize,
        List<BenchDatabase.Product> warm,
        List<BenchDatabase.Product> hot,
        List<BenchDatabase.Product> sellOut) {

    static final int SELL_OUT_STOCK = 25;
    static final int HOT_STOCK = 1_000_000;
    static final int WARM_STOCK = 1_000_000_000;

    static Fixtures seed(BenchDatabase database, int catalogueSize) throws Exception {
        List<BenchDatabase.Product> catalogue = database.insertProducts("Catalogue item", catalogueSize, 100);
        List<BenchDatabase.Product> warm = database.insertProducts("Bench warm product", 2, WARM_STOCK);
        List<BenchDatabase.Product> hot = database.insertProducts("Bench hot product", 10, HOT_STOCK);
        List<BenchDatabase.Product> sellOut = database.insertProducts("Bench sell-out product", 10, SELL_OUT_STOCK);
        int step = Math.max(1, catalogue.size() / 200);
        List<BenchDatabase.Product> sample = IntStream.range(0, catalogue.size() / step)
                .mapToObj(i -> catalogue.get(i * step))
                .toList();
        return new Fixtures(sample, catalogue.size(), warm, hot, sellOut);
    }
}
