package serverlessshop.orders.stock;

import java.util.UUID;

/**
 * Products refused a reservation id because it was released or expired before (409 other than a
 * shortage): that id can hold no stock any more, whatever is asked of it.
 */
public class ProductsReservationClosed extends RuntimeException {

    public ProductsReservationClosed(UUID reservationId, String code) {
        super("The reservation " + reservationId + " is closed (" + code + ")", null, false, false);
    }
}
