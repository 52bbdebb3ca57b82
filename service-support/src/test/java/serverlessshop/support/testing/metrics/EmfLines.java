package serverlessshop.support.testing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CloudWatch embedded metric format's rules (its specification's "MUST"s), checked on the lines a
 * service printed: a line CloudWatch Logs would not turn into metrics fails here, not in AWS.
 */
public final class EmfLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private EmfLines() {}

    /** The lines of the output that are EMF documents (JSON objects with an {@code _aws} member), each checked. */
    public static List<JsonNode> in(String output) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                JsonNode document;
                try {
                    document = JSON.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("an EMF line that is not one JSON object: " + line, e);
                }
                assertValid(document);
                documents.add(document);
            }
        }
        return documents;
    }

    /** The documents that carry {@code metric}. */
    public static List<JsonNode> withMetric(String output, String metric) {
        return in(output).stream()
                .filter(document -> document.path("_aws").path("CloudWatchMetrics").findValues("Name").stream()
                        .anyMatch(name -> name.asText().equals(metric)))
                .toList();
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isNumber()) {
                return false;
            }
        }
        return true;
    }

    public static void assertValid(JsonNode document) {
        assertThat(document.isObject()).as("the root is an object").isTrue();
        JsonNode aws = document.path("_aws");
        assertThat(aws.isObject()).as("_aws is an object").isTrue();
        assertThat(aws.path("Timestamp").isIntegralNumber())
                .as("_aws.Timestamp: milliseconds since the epoch")
                .isTrue();
        assertThat(aws.path("Timestamp").asLong()).as("a plausible time").isGreaterThan(1_500_000_000_000L);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertThat(directives.isArray() && !directives.isEmpty())
                .as("_aws.CloudWatchMetrics: MetricDirectives")
                .isTrue();
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            assertThat(directive.path("Namespace").isTextual()
                            && !namespace.isEmpty()
                            && namespace.length() <= 1024
                            && !namespace.contains(":"))
                    .as("Namespace: a string of 1 to 1024 characters, no colon")
                    .isTrue();
            JsonNode dimensions = directive.path("Dimensions");
            assertThat(dimensions.isArray())
                    .as("Dimensions: an array of DimensionSets")
                    .isTrue();
            for (JsonNode set : dimensions) {
                assertThat(set.isArray() && set.size() <= 30)
                        .as("a DimensionSet: at most 30 names")
                        .isTrue();
                for (JsonNode name : set) {
                    JsonNode value = document.path(name.asText());
                    assertThat(value.isTextual()
                                    && !value.asText().isEmpty()
                                    && value.asText().length() <= 1024)
                            .as("dimension " + name + " names a root member whose value is a non-empty string")
                            .isTrue();
                }
            }
            JsonNode metrics = directive.path("Metrics");
            assertThat(metrics.isArray() && !metrics.isEmpty() && metrics.size() <= 100)
                    .as("Metrics: 1 to 100 MetricDefinitions")
                    .isTrue();
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText("");
                assertThat(name).as("a metric's Name").isNotEmpty().hasSizeLessThanOrEqualTo(1024);
                if (metric.has("Unit")) {
                    assertThat(UNITS)
                            .as("the Unit of " + name)
                            .contains(metric.path("Unit").asText());
                }
                JsonNode value = document.path(name);
                assertThat(value.isNumber() || (value.isArray() && value.size() <= 100 && allNumbers(value)))
                        .as("metric " + name + " names a root member whose value is a number or numbers")
                        .isTrue();
            }
        }
    }
}
