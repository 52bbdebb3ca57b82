package serverlessshop.products.categories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import serverlessshop.products.testing.WholeProductsService;

@WholeProductsService
class ProductCategoriesTest {

    @Autowired
    DSLContext db;

    @Autowired
    ProductCategories categories;

    @Test
    void thePageOfProductsIsReadInOneQuery() {
        AtomicInteger queries = new AtomicInteger();
        ExecuteListener counter = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                queries.incrementAndGet();
            }
        };
        var counted = new ProductCategories(db.configuration().derive(counter).dsl());
        List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

        Map<String, List<String>> read = counted.of(ids);

        assertThat(queries).hasValue(1);
        assertThat(read)
                .containsOnlyKeys(ids)
                .allSatisfy((id, categoryIds) -> assertThat(categoryIds).isEmpty());
    }

    @Test
    void noProductsNoQuery() {
        assertThat(categories.of(List.of())).isEmpty();
    }
}
