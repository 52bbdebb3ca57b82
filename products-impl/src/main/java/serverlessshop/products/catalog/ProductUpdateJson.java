package serverlessshop.products.catalog;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.springframework.boot.jackson.JsonMixin;
import serverlessshop.products.api.model.ProductUpdate;

/**
 * Reads an update's body so that an absent {@code category_ids} stays absent: the generated model
 * starts with an empty set, which would take the product out of every category when a client older
 * than 2.2.0 (which does not know the field) updates it. The model read here starts with none, so
 * {@code getCategoryIds()} is null unless the body names the field.
 */
@JsonMixin(ProductUpdate.class)
@JsonDeserialize(as = ProductUpdateJson.Request.class)
abstract class ProductUpdateJson {

    static final class Request extends ProductUpdate {

        Request() {
            setCategoryIds(null);
        }
    }
}
