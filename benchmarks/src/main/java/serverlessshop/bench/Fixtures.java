package serverlessshop.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the run seeded into the products database. The catalogue fills the listing (100,000
 * products); the two "warm" products serve the warm-latency reads and orders with stock that never
 * runs out; the ten "hot" products take the contention run's orders; the ten "sell-out" products
 * start with a little stock each, for the oversell check. The catalogue's prices and creation times
 * differ from product to product, and its products are in {@value #CATEGORIES} categories, one each,
 * so that each order and filter of the listing has a page 1000 to reach.
 */
record Fixtures(
        List<BenchDatabase.Product> catalogueSample,
        int catalogueSize,
        List<BenchDatabase.Product> warm,
        List<BenchDatabase.Product> hot,
        List<BenchDatabase.Product> sellOut,
        List<String> categories) {

    /** A quarter of the catalogue each: 25,000 products, page 1000 of pages of 20 is within each. */
    static final int CATEGORIES = 4;

    static final int SELL_OUT_STOCK = 25;
    static final int HOT_STOCK = 1_000_000;
    static final int WARM_STOCK = 1_000_000_000;

    static Fixtures seed(BenchDatabase database, int catalogueSize) throws Exception {
        List<BenchDatabase.Product> catalogue = database.insertCatalogue("Catalogue item", catalogueSize, 100);
        List<String> categories = database.categorize(catalogue, CATEGORIES);
        List<BenchDatabase.Product> warm = database.insertProducts("Bench warm product", 2, WARM_STOCK);
        List<BenchDatabase.Product> hot = database.insertProducts("Bench hot product", 10, HOT_STOCK);
        List<BenchDatabase.Product> sellOut = database.insertProducts("Bench sell-out product", 10, SELL_OUT_STOCK);
        int step = Math.max(1, catalogue.size() / 200);
        List<BenchDatabase.Product> sample = IntStream.range(0, catalogue.size() / step)
                .mapToObj(i -> catalogue.get(i * step))
                .toList();
        return new Fixtures(sample, catalogue.size(), warm, hot, sellOut, categories);
    }
}
