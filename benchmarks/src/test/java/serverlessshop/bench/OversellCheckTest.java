package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OversellCheckTest {

    @Test
    void aSellOutWithinTheStockPasses() {
        OversellCheck check = OversellCheck.of(
                Map.of("a", 25, "b", 25), Map.of("a", 0, "b", 3), Map.of("a", 25, "b", 22), Map.of("a", 25, "b", 21));
        assertThat(check.passed()).isTrue();
        assertThat(check.oversold()).isZero();
        assertThat(check.ordered()).isEqualTo(46);
        assertThat(check.initial()).isEqualTo(50);
    }

    @Test
    void unitsOrderedBeyondTheStockAreOversold() {
        OversellCheck check = OversellCheck.of(
                Map.of("a", 25, "b", 25), Map.of("a", 0, "b", 0), Map.of("a", 25, "b", 25), Map.of("a", 27, "b", 25));
        assertThat(check.oversold()).isEqualTo(2);
        assertThat(check.passed()).isFalse();
    }

    @Test
    void stockThatNeitherStayedNorWasHeldIsUnbalanced() {
        // 25 units, 20 left, 3 held by reservations: 2 units vanished (or were sold without a reservation).
        OversellCheck check = OversellCheck.of(Map.of("a", 25), Map.of("a", 20), Map.of("a", 3), Map.of("a", 3));
        assertThat(check.oversold()).isZero();
        assertThat(check.unbalanced()).isEqualTo(1);
        assertThat(check.passed()).isFalse();
    }
}
