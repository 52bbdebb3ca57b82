package serverlessshop.products.catalog;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import serverlessshop.support.http.ETags;
import serverlessshop.support.problem.ProblemException;
import serverlessshop.support.security.Caller;

@RestController
class CatalogController implements ProductsApi {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
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
        ListingRequest request = ListingRequest.of(limit, cursor, sort, category, minPrice, maxPrice, q, active);
        return ResponseEntity.ok(ProductMapper.toApi(catalog.list(request, Caller.current())));
    }

    @Override
    public ResponseEntity<Product> createProduct(ProductCreate productCreate) {
        ProductsRecord product = catalog.create(productCreate);
        return ResponseEntity.created(URI.create("/products/" + product.getProductId()))
                .eTag(ETags.of(product.getVersion()))
                .body(ProductMapper.toApi(product));
    }

    @Override
    public ResponseEntity<Product> getProduct(UUID productId) {
        return withETag(catalog.get(productId, Caller.current()));
    }

    @Override
    public ResponseEntity<Product> updateProduct(UUID productId, String ifMatch, ProductUpdate productUpdate) {
        return withETag(catalog.update(productId, ifMatch, productUpdate));
    }

    @Override
    public ResponseEntity<Void> deleteProduct(UUID productId, String ifMatch) {
        catalog.delete(productId, ifMatch);
        return ResponseEntity.noContent().build();
    }

    // Product images are answered by their own part of the service; until it is built in, they are not
    // offered (501) rather than wrongly answered.
    @Override
    public ResponseEntity<ImageUpload> createProductImage(UUID productId, ImageUploadRequest imageUploadRequest) {
        throw imagesNotOffered();
    }

    @Override
    public ResponseEntity<Void> deleteProductImage(UUID productId, UUID imageId) {
        throw imagesNotOffered();
    }

    @Override
    public ResponseEntity<ProductImage> getProductImage(UUID productId, UUID imageId) {
        throw imagesNotOffered();
    }

    private static ProblemException imagesNotOffered() {
        return new ProblemException(
                HttpStatus.NOT_IMPLEMENTED,
                "NOT_IMPLEMENTED",
                "Product images are not offered by this build.",
                Map.of(),
                HttpHeaders.EMPTY);
    }

    private static ResponseEntity<Product> withETag(ProductsRecord product) {
        return ResponseEntity.ok().eTag(ETags.of(product.getVersion())).body(ProductMapper.toApi(product));
    }
}
