package serverlessshop.products.categories;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import serverlessshop.products.api.CategoriesApi;
import serverlessshop.products.api.model.Category;
import serverlessshop.products.api.model.CategoryPage;
import serverlessshop.products.api.model.CategoryWrite;
import serverlessshop.products.db.tables.records.CategoriesRecord;
import serverlessshop.support.http.ETags;

@RestController
class CategoriesController implements CategoriesApi {

    private final CategoryService categories;

    CategoriesController(CategoryService categories) {
        this.categories = categories;
    }

    @Override
    public ResponseEntity<CategoryPage> listCategories(Integer limit, String cursor) {
        return ResponseEntity.ok(CategoryMapper.toApi(categories.list(limit, cursor)));
    }

    @Override
    public ResponseEntity<Category> createCategory(CategoryWrite categoryWrite) {
        CategoriesRecord category = categories.create(categoryWrite);
        return ResponseEntity.created(URI.create("/categories/" + category.getCategoryId()))
                .eTag(ETags.of(category.getVersion()))
                .body(CategoryMapper.toApi(category));
    }

    @Override
    public ResponseEntity<Category> getCategory(UUID categoryId) {
        return withETag(categories.get(categoryId));
    }

    @Override
    public ResponseEntity<Category> updateCategory(UUID categoryId, String ifMatch, CategoryWrite categoryWrite) {
        return withETag(categories.update(categoryId, ifMatch, categoryWrite));
    }

    @Override
    public ResponseEntity<Void> deleteCategory(UUID categoryId, String ifMatch) {
        categories.delete(categoryId, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Category> withETag(CategoriesRecord category) {
        return ResponseEntity.ok().eTag(ETags.of(category.getVersion())).body(CategoryMapper.toApi(category));
    }
}
