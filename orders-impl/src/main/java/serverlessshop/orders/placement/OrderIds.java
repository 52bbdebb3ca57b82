package serverlessshop.orders.placement;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import java.util.UUID;

/**
 * Ids derived from what the client sent, so that a retry finds its first attempt: the order id is
 * a name-based UUID (version 5) of the customer and the Idempotency-Key. Not the time-ordered v7 of
 * the other ids: a retry must come to the same id.
 */
final class OrderIds {

    /** This service's namespace for name-based ids; changing it would change every order id. */
    private static final UUID NAMESPACE = UUID.fromString("1fbb9462-951d-4404-ad3d-c9f69e4ced26");

    private static final NameBasedGenerator IDS = Generators.nameBasedGenerator(NAMESPACE);

    private OrderIds() {}

    static UUID orderId(String customerId, String idempotencyKey) {
        return IDS.generate(customerId + "\n" + idempotencyKey);
    }

    /**
     * The reservation id of an order's {@code attempt}-th reservation: the order id itself first, as
     * the saga says. Products keeps a released id closed for good (so that a reserve arriving late
     * cannot take stock), so an order whose first attempt had to release its reservation reserves
     * again under the next id of this sequence. Derived, not stored: any later attempt walks the
     * same sequence and finds a reservation an earlier attempt left behind.
     */
    static UUID reservationId(UUID orderId, int attempt) {
        return attempt == 0 ? orderId : IDS.generate(orderId + "\n" + attempt);
    }
}
