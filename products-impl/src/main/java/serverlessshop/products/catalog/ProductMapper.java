package serverlessshop.products.catalog;

import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import serverlessshop.products.api.model.Product;
import serverlessshop.products.api.model.ProductPage;
import serverlessshop.products.db.tables.records.ProductsRecord;

/** Rows of the products table as the contract's models; timestamps are stored in UTC. */
final class ProductMapper {

    private ProductMapper() {}

    static Product toApi(ProductsRecord product) {
        return new Product()
                .productId(UUID.fromString(product.getProductId()))
                .sku(product.getSku())
                .name(product.getName())
                .description(product.getDescription())
                .price(product.getPrice())
                .stockQuantity(product.getStockQuantity())
                .isActive(product.getIsActive())
                .createdAt(product.getCreatedAt().atOffset(ZoneOffset.UTC))
                .updatedAt(product.getUpdatedAt().atOffset(ZoneOffset.UTC));
    }

    static Product toApi(ProductsRecord product, List<String> categoryIds) {
        return toApi(product)
                .categoryIds(categoryIds.stream()
                        .map(UUID::fromString)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** {@code categoryIds}: each product's, by product id (ProductCategories.of). */
    static ProductPage toApi(ProductListing listing, Map<String, List<String>> categoryIds) {
        return new ProductPage()
                .items(listing.products().stream()
                        .map(product -> toApi(product, categoryIds.get(product.getProductId())))
                        .toList())
                .nextCursor(listing.nextCursor());
    }
}
