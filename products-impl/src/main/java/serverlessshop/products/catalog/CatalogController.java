package serverlessshop.products.catalog;

import java.net.URI;
import java.util.List;
import java.util.UUID;
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
import serverlessshop.products.categories.ProductCategories;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.support.http.ETags;
import serverlessshop.support.problem.ProblemException;
import serverlessshop.support.security.Caller;

@RestController
class CatalogController implements ProductsApi {

    private final CatalogService catalog;
    private final ProductCategories categories;

    CatalogController(CatalogService catalog, ProductCategories categories) {
        this.catalog = catalog;
        this.categories = categories;
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
        ProductListing listing = catalog.list(request, Caller.current());
        List<String> ids =
                listing.products().stream().map(ProductsRecord::getProductId).toList();
        return ResponseEntity.ok(ProductMapper.toApi(listing, categories.of(ids)));
    }

    @Override
    public ResponseEntity<Product> createProduct(ProductCreate productCreate) {
        ProductsRecord product = catalog.create(productCreate);
        return ResponseEntity.created(URI.create("/products/" + product.getProductId()))
                .eTag(ETags.of(product.getVersion()))
                .body(withCategories(product));
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

    @Override
    public ResponseEntity<ImageUpload> createProductImage(UUID productId, ImageUploadRequest imageUploadRequest) {
        throw imagesNotServed();
    }

    @Override
    public ResponseEntity<ProductImage> getProductImage(UUID productId, UUID imageId) {
        throw imagesNotServed();
    }

    @Override
    public ResponseEntity<Void> deleteProductImage(UUID productId, UUID imageId) {
        throw imagesNotServed();
    }

    private static ProblemException imagesNotServed() {
        return new ProblemException(
                HttpStatus.NOT_IMPLEMENTED, "NOT_IMPLEMENTED", "Product images are not served by this version.");
    }

    private ResponseEntity<Product> withETag(ProductsRecord product) {
        return ResponseEntity.ok().eTag(ETags.of(product.getVersion())).body(withCategories(product));
    }

    private Product withCategories(ProductsRecord product) {
        String id = product.getProductId();
        return ProductMapper.toApi(product, categories.of(List.of(id)).get(id));
    }
}
