package serverlessshop.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import serverlessshop.support.logging.CorrelationIds;
import serverlessshop.support.testing.metrics.EmfLines;

/** A count is one line that CloudWatch Logs turns into a metric, and leads back to its request. */
class EmbeddedMetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:30:00Z");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final EmbeddedMetrics metrics = new EmbeddedMetrics(
            "ServerlessShop",
            Map.of("FunctionName", "shop-dev-orders"),
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aCountIsOneValidEmfLineWithItsNamespaceDimensionAndTime() {
        metrics.count("OrdersPlaced");

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).hasSize(1);
        List<JsonNode> documents = EmfLines.in(output);
        assertThat(documents).hasSize(1);
        JsonNode document = documents.getFirst();
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("ServerlessShop");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"FunctionName\"]]");
        assertThat(directive.path("Metrics").toString()).isEqualTo("[{\"Name\":\"OrdersPlaced\",\"Unit\":\"Count\"}]");
        assertThat(document.path("FunctionName").asText()).isEqualTo("shop-dev-orders");
        assertThat(document.path("OrdersPlaced").asInt()).isEqualTo(1);
    }

    @Test
    void theLineCarriesTheRequestsIdsButNoneAsADimension() {
        MDC.put(CorrelationIds.CORRELATION_ID, "checkout-42");
        MDC.put(CorrelationIds.LAMBDA_REQUEST_ID, "8f5c2a1e-1111-2222-3333-444455556666");
        MDC.put(CorrelationIds.TRACE_ID, "1-5759e988-bd862e3fe1be46a994272793");

        metrics.count("SellOuts");

        JsonNode document = EmfLines.withMetric(printed.toString(StandardCharsets.UTF_8), "SellOuts")
                .getFirst();
        assertThat(document.path("correlation_id").asText()).isEqualTo("checkout-42");
        assertThat(document.path("aws_request_id").asText()).isEqualTo("8f5c2a1e-1111-2222-3333-444455556666");
        assertThat(document.path("trace.id").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(document.path("_aws")
                        .path("CloudWatchMetrics")
                        .get(0)
                        .path("Dimensions")
                        .get(0))
                .as("high-cardinality ids would make a metric per request")
                .hasSize(1);
    }
}
