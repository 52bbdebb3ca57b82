package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import serverlessshop.bench.timing.TimedHandler;

class LocalCloudProcessTest {

    @Test
    void aFunctionsTimingLineGivesItsOwnTime() {
        LocalCloudProcess.HandlerTime time = LocalCloudProcess.HandlerTime.parse(
                "products | SHOP_BENCH_TIMING handler_us=1234 downstream_us=800 downstream_calls=3");
        assertThat(time.handlerMicros()).isEqualTo(1234);
        assertThat(time.downstreamMicros()).isEqualTo(800);
        assertThat(time.downstreamCalls()).isEqualTo(3);
        assertThat(time.ownMicros()).isEqualTo(434);
    }

    @Test
    void everyFunctionRunsInsideTheTimedHandlerWithItsOwnHandlerNamed() throws Exception {
        Layout layout = new Layout(Path.of("..").toAbsolutePath().normalize());
        List<String> options = LocalCloudProcess.timing(layout);

        assertThat(LocalCloudProcess.TIMED_HANDLER).isEqualTo(TimedHandler.class.getName() + "::handleRequest");
        assertThat(LocalCloudProcess.HANDLER_VARIABLE).isEqualTo(TimedHandler.HANDLER_VARIABLE);
        assertThat(options)
                .containsSubsequence("--function-jar", layout.functionTiming().toString())
                .containsSubsequence("--function-handler", "products=" + LocalCloudProcess.TIMED_HANDLER)
                .containsSubsequence("--function-handler", "orders=" + LocalCloudProcess.TIMED_HANDLER)
                .containsSubsequence(
                        "--function-env",
                        "SHOP_BENCH_HANDLER_PRODUCTS=serverlessshop.products.lambda.StreamLambdaHandler::handleRequest")
                .containsSubsequence(
                        "--function-env",
                        "SHOP_BENCH_HANDLER_ORDERS=serverlessshop.orders.lambda.StreamLambdaHandler::handleRequest");
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(LocalCloudProcess.HandlerTime.parse("SHOP_BENCH_TIMING handler_us=10 route=x downstream_us=4")
                        .ownMicros())
                .isEqualTo(6);
    }
}
