package serverlessshop.reliability.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import serverlessshop.reliability.stack.Ledger;

/** The invariant's rule for order events, on small ledgers: what counts as the events agreeing with the table. */
class EventViolationsTest {

    @Test
    void anOrderWhoseLastEventIsItsStatusIsNoViolation() {
        assertThat(ConsistencyInvariantTest.eventViolations(
                        List.of(order("a", "SHIPPED")), Map.of("a", event("OrderShipped", "SHIPPED", 3))))
                .isEmpty();
    }

    @Test
    void anOrderWhoseLastEventIsAnEarlierStatusIsNamed() {
        assertThat(ConsistencyInvariantTest.eventViolations(
                        List.of(order("a", "CANCELLED")), Map.of("a", event("OrderPlaced", "PENDING", 1))))
                .singleElement()
                .asString()
                .contains("order a is CANCELLED but its last event is OrderPlaced");
    }

    @Test
    void aPlacedOrderWithoutAnyEventIsNamed() {
        assertThat(ConsistencyInvariantTest.eventViolations(List.of(order("a", "PENDING")), Map.of()))
                .singleElement()
                .asString()
                .contains("no event");
    }

    @Test
    void aClaimThatNeverBecameAnOrderNeedsNoEvent() {
        Ledger.OrderItem claim = new Ledger.OrderItem("a", "c", "k", "PLACING", null, null, false, Map.of());
        assertThat(ConsistencyInvariantTest.eventViolations(List.of(claim), Map.of()))
                .isEmpty();
    }

    @Test
    void anOrderThatIsGoneMustHaveBeenLastSaidCancelled() {
        assertThat(ConsistencyInvariantTest.eventViolations(List.of(), Map.of("a", event("OrderPlaced", "PENDING", 1))))
                .singleElement()
                .asString()
                .contains("order a is gone");
        assertThat(ConsistencyInvariantTest.eventViolations(
                        List.of(), Map.of("a", event("OrderCancelled", "CANCELLED", 2))))
                .isEmpty();
    }

    private static Ledger.OrderItem order(String id, String status) {
        return new Ledger.OrderItem(id, "c", "k", null, status, "r", false, Map.of());
    }

    private static Ledger.LastEvent event(String type, String status, long sequence) {
        return new Ledger.LastEvent(type, status, sequence, 1);
    }
}
