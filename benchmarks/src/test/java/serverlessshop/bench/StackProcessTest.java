package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackProcessTest {

    @Test
    void aFunctionsTimingLineGivesItsOwnTime() {
        StackProcess.HandlerTime time = StackProcess.HandlerTime.parse(
                "products | SHOP_BENCH_TIMING handler_us=1234 downstream_us=800 downstream_calls=3");
        assertThat(time.handlerMicros()).isEqualTo(1234);
        assertThat(time.downstreamMicros()).isEqualTo(800);
        assertThat(time.downstreamCalls()).isEqualTo(3);
        assertThat(time.ownMicros()).isEqualTo(434);
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(StackProcess.HandlerTime.parse("SHOP_BENCH_TIMING handler_us=10 route=x downstream_us=4").ownMicros())
                .isEqualTo(6);
    }
}
