package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import serverlessshop.products.api.model.ReservationItemRequest;

class RequestedItemsTest {

    static final UUID A = UUID.fromString("0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60");
    static final UUID B = UUID.fromString("0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f61");

    @Test
    void itemsAreLockedInProductIdOrderWhateverTheRequestOrder() {
        RequestedItems items = RequestedItems.of(List.of(item(B, 1), item(A, 2)));

        assertThat(items.productIds()).containsExactly(A.toString(), B.toString());
        assertThat(items.inLockOrder()).extracting(RequestedItem::index).containsExactly(1, 0);
    }

    @Test
    void theHashIsTheSameForTheSameItemsInAnyOrder() {
        assertThat(RequestedItems.of(List.of(item(A, 2), item(B, 1))).hash())
                .isEqualTo(RequestedItems.of(List.of(item(B, 1), item(A, 2))).hash())
                .hasSize(64)
                .matches("[0-9a-f]{64}");
    }

    @Test
    void theHashDiffersForOtherQuantitiesOrProducts() {
        String hash = RequestedItems.of(List.of(item(A, 2))).hash();

        assertThat(RequestedItems.of(List.of(item(A, 3))).hash()).isNotEqualTo(hash);
        assertThat(RequestedItems.of(List.of(item(B, 2))).hash()).isNotEqualTo(hash);
        assertThat(RequestedItems.of(List.of(item(A, 2), item(B, 1))).hash()).isNotEqualTo(hash);
        assertThat(RequestedItems.NONE.hash()).isNotEqualTo(hash);
    }

    @Test
    void aProductListedAgainOrANullItemIsNamed() {
        assertThatThrownBy(() -> RequestedItems.of(Arrays.asList(item(A, 1), null, item(B, 1), item(A, 2))))
                .isInstanceOfSatisfying(InvalidReservationItems.class, problem -> {
                    assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
                    assertThat(problem.getBody().getProperties().get("errors"))
                            .asString()
                            .contains("items[1]", "items[3].product_id")
                            .doesNotContain("items[0]", "items[2]");
                });
    }

    private static ReservationItemRequest item(UUID productId, int quantity) {
        return new ReservationItemRequest(productId, quantity);
    }
}
