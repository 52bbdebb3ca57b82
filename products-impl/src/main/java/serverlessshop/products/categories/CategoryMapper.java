package serverlessshop.products.categories;

import java.util.UUID;
import serverlessshop.products.api.model.Category;
import serverlessshop.products.api.model.CategoryPage;
import serverlessshop.products.db.tables.records.CategoriesRecord;

/** Rows of the categories table as the contract's models. */
final class CategoryMapper {

    private CategoryMapper() {}

    static Category toApi(CategoriesRecord category) {
        return new Category()
                .categoryId(UUID.fromString(category.getCategoryId()))
                .slug(category.getSlug())
                .name(category.getName());
    }

    static CategoryPage toApi(CategoryListing listing) {
        return new CategoryPage()
                .items(listing.categories().stream().map(CategoryMapper::toApi).toList())
                .nextCursor(listing.nextCursor());
    }
}
