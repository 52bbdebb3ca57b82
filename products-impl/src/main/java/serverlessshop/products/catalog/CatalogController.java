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
import serverlessshop.products.categories.ProductCategories;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.images.ProductImages;
import serverlessshop.support.http.ETags;
import serverlessshop.support.security.Caller;

@RestController
class CatalogController implements ProductsApi {

    private final CatalogService catalog;
    private final ProductCategories categories;
    private final ProductImages images;

    CatalogController(CatalogService catalog, ProductCategories categories, ProductImages images) {
        this.catalog = catalog;
        this.categories = categories;
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
        ListingRequest request = ListingRequest.of(limit, cursor, sort, category, minPrice, maxPrice, q, active);
        ProductListing listing = catalog.list(request, caller);
        List<String> ids =
                listing.products().stream().map(ProductsRecord::getProductId).toList();
        ProductPage page = ProductMapper.toApi(listing, categories.of(ids));
        images.attachTo(page.getItems(), caller);
        return ResponseEntity.ok(page);
    }

    @Override
    public ResponseEntity<Product> createProduct(ProductCreate productCreate) {
        ProductsRecord product = catalog.create(productCreate);
        return ResponseEntity.created(URI.create("/products/" + product.getProductId()))
                .eTag(ETags.of(product.getVersion()))
                .body(toApi(product, Caller.current()));
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
        return ResponseEntity.ok().eTag(ETags.of(product.getVersion())).body(toApi(product, caller));
    }

    /** The product as the caller may see it: its categories, and its images (shoppers: the ready ones). */
    private Product toApi(ProductsRecord product, Caller caller) {
        String id = product.getProductId();
        Product answer = ProductMapper.toApi(product, categories.of(List.of(id)).get(id));
        images.attachTo(List.of(answer), caller);
        return answer;
    }
}
