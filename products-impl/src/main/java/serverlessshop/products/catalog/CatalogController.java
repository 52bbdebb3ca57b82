package serverlessshop.products.catalog;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import serverlessshop.products.api.ProductsApi;
import serverlessshop.products.api.model.ImageUpload;
import serverlessshop.products.api.model.ImageUploadRequest;
import serverlessshop.products.api.model.Product;
import serverlessshop.products.api.model.ProductCreate;
import serverlessshop.products.api.model.ProductImage;
import serverlessshop.products.api.model.ProductPage;
import serverlessshop.products.api.model.ProductUpdate;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.images.ProductImages;
import serverlessshop.support.http.ETags;
import serverlessshop.support.security.Caller;

@RestController
class CatalogController implements ProductsApi {

    private final CatalogService catalog;
    private final ProductImages images;

    CatalogController(CatalogService catalog, ProductImages images) {
        this.catalog = catalog;
        this.images = images;
    }

    @Override
    public ResponseEntity<ProductPage> listProducts(
            Integer limit,
            String cursor,
            String sort,
            String category,
            String minPrice,
            String maxPrice,
            String q,
            Boolean active) {
        Caller caller = Caller.current();
        ProductPage page = ProductMapper.toApi(catalog.list(limit, cursor, q, active, caller));
        images.attachTo(page.getItems(), caller);
        return ResponseEntity.ok(page);
    }

    @Override
    public ResponseEntity<Product> createProduct(ProductCreate productCreate) {
        ProductsRecord product = catalog.create(productCreate);
        return ResponseEntity.created(URI.create("/products/" + product.getProductId()))
                .eTag(ETags.of(product.getVersion()))
                .body(withImages(ProductMapper.toApi(product), Caller.current()));
    }

    @Override
    public ResponseEntity<Product> getProduct(UUID productId) {
        Caller caller = Caller.current();
        return withETag(catalog.get(productId, caller), caller);
    }

    @Override
    public ResponseEntity<Product> updateProduct(UUID productId, String ifMatch, ProductUpdate productUpdate) {
        return withETag(catalog.update(productId, ifMatch, productUpdate), Caller.current());
    }

    @Override
    public ResponseEntity<Void> deleteProduct(UUID productId, String ifMatch) {
        catalog.delete(productId, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<ImageUpload> createProductImage(UUID productId, ImageUploadRequest imageUploadRequest) {
        ImageUpload upload = images.create(productId, imageUploadRequest);
        return ResponseEntity.created(URI.create("/products/" + productId + "/images/"
                        + upload.getImage().getImageId()))
                .body(upload);
    }

    @Override
    public ResponseEntity<ProductImage> getProductImage(UUID productId, UUID imageId) {
        return ResponseEntity.ok(images.get(productId, imageId));
    }

    @Override
    public ResponseEntity<Void> deleteProductImage(UUID productId, UUID imageId) {
        images.delete(productId, imageId);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Product> withETag(ProductsRecord product, Caller caller) {
        return ResponseEntity.ok()
                .eTag(ETags.of(product.getVersion()))
                .body(withImages(ProductMapper.toApi(product), caller));
    }

    private Product withImages(Product product, Caller caller) {
        images.attachTo(List.of(product), caller);
        return product;
    }
}
