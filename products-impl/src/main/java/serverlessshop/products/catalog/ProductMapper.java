package serverlessshop.products.catalog;

import java.time.ZoneOffset;
import java.util.UUID;
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

    static ProductPage toApi(ProductListing listing) {
        return new ProductPage()
                .items(listing.products().stream().map(ProductMapper::toApi).toList())
                .nextCursor(listing.nextCursor());
    }
}
