package serverlessshop.products.catalog;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import serverlessshop.products.api.ProductsApi;
import serverlessshop.products.api.model.Product;
import serverlessshop.products.api.model.ProductCreate;
import serverlessshop.products.api.model.ProductPage;
import serverlessshop.products.api.model.ProductUpdate;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.support.http.ETags;
import serverlessshop.support.security.Caller;

@RestController
class CatalogController implements ProductsApi {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public ResponseEntity<ProductPage> listProducts(Integer limit, String cursor, String q, Boolean active) {
        return ResponseEntity.ok(ProductMapper.toApi(catalog.list(limit, cursor, q, active, Caller.current())));
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

    private static ResponseEntity<Product> withETag(ProductsRecord product) {
        return ResponseEntity.ok().eTag(ETags.of(product.getVersion())).body(ProductMapper.toApi(product));
    }
}
