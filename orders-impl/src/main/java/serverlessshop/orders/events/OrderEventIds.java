package serverlessshop.orders.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import java.util.UUID;

/**
 * An event's id, derived from what it says: an order reaches each status at most once, so the order
 * and its status name the change, and every delivery of the same stream record gives the same id.
 */
final class OrderEventIds {

    /** The order events' namespace; changing it would change every event's id. */
    private static final UUID NAMESPACE = UUID.fromString("6f0c3d52-8a41-4e7b-9d2c-51a7e4b3f086");

    private static final NameBasedGenerator IDS = Generators.nameBasedGenerator(NAMESPACE);

    private OrderEventIds() {}

    static UUID of(String orderId, String status) {
        return IDS.generate(orderId + "/" + status);
    }
}
