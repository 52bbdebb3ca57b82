package serverlessshop.bench.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TimedHandlerTest {

    private static final Pattern LINE = Pattern.compile(
            "^SHOP_BENCH_TIMING handler_us=(\\d+) downstream_us=(\\d+) downstream_calls=(\\d+)$", Pattern.MULTILINE);

    @Test
    void eachInvocationPrintsItsTimeAndTheDatabasesPartOfIt() throws Exception {
        TimedHandler handler = new TimedHandler(QueryingHandler.class.getName() + "::handleRequest");
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        String printed = printedBy(() ->
                handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), response, null));

        assertThat(response.toString(StandardCharsets.UTF_8))
                .as("the function's own answer")
                .isEqualTo("{}");
        Matcher line = LINE.matcher(printed);
        assertThat(line.find()).as(printed).isTrue();
        long handlerMicros = Long.parseLong(line.group(1));
        long downstreamMicros = Long.parseLong(line.group(2));
        assertThat(Integer.parseInt(line.group(3)))
                .as("connection, statement, query")
                .isGreaterThanOrEqualTo(3);
        assertThat(downstreamMicros).as("the query's 20 ms sleep").isGreaterThanOrEqualTo(20_000);
        assertThat(handlerMicros - downstreamMicros)
                .as("the handler's own 30 ms")
                .isGreaterThanOrEqualTo(30_000);
    }

    @Test
    void callsOutsideAnInvocationAreNotCounted() throws Exception {
        // As a data source used while Spring starts, in the init phase.
        try (var connection = QueryingHandler.DATABASE.getConnection()) {
            connection.isValid(1);
        }
        long begin = InvocationTiming.begin();
        assertThat(InvocationTiming.end(begin)).contains("downstream_us=0 downstream_calls=0");
    }

    @Test
    void aHandlerThatIsNoStreamHandlerIsRefused() {
        assertThatThrownBy(() -> new TimedHandler(String.class.getName()))
                .hasMessageContaining("is not a RequestStreamHandler");
        assertThatThrownBy(() -> new TimedHandler((String) null)).hasMessageContaining(TimedHandler.HANDLER_VARIABLE);
    }

    private interface Invocation {
        void run() throws Exception;
    }

    private static String printedBy(Invocation invocation) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            invocation.run();
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
