package serverlessshop.orders.placement;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * The ids of an order. The order id is a time-ordered UUID (version 7) chosen when its
 * Idempotency-Key is first claimed and kept in the key's record, which is how a retry finds it;
 * not derived from the key, because the key is forgotten after 24 hours and may then place another
 * order. Reservation ids are derived from the order id, so that every attempt walks the same ones.
 */
final class OrderIds {

    /** This service's namespace for name-based ids; changing it would change every derived reservation id. */
    private static final UUID NAMESPACE = UUID.fromString("1fbb9462-951d-4404-ad3d-c9f69e4ced26");

    private static final NameBasedGenerator IDS = Generators.nameBasedGenerator(NAMESPACE);

    private OrderIds() {}

    private static final TimeBasedEpochGenerator ORDER_IDS = Generators.timeBasedEpochGenerator();

    static UUID newOrderId() {
        return ORDER_IDS.generate();
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
