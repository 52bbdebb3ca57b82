package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentilesAreNearestRankSoEveryFigureWasMeasured() {
        Samples samples = Samples.of(List.of(15L, 20L, 35L, 40L, 50L));
        assertThat(samples.percentile(5)).isEqualTo(15);
        assertThat(samples.percentile(30)).isEqualTo(20);
        assertThat(samples.percentile(40)).isEqualTo(20);
        assertThat(samples.median()).isEqualTo(35);
        assertThat(samples.percentile(99)).isEqualTo(50);
        assertThat(samples.max()).isEqualTo(50);
        assertThat(samples.min()).isEqualTo(15);
    }

    @Test
    void p99OfAHundredIsTheNinetyNinthAndTheOrderOfMeasurementDoesNotMatter() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        Samples samples = Samples.of(values);
        assertThat(samples.percentile(99)).isEqualTo(99);
        assertThat(samples.median()).isEqualTo(50);
        assertThat(Samples.of(7).percentile(99)).isEqualTo(7);
    }

    @Test
    void noSamplesOrABadPercentileIsAnError() {
        assertThatThrownBy(() -> Samples.of(new long[0]).median()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Samples.of(1, 2).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.of(1, 2).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
