package serverlessshop.support.testing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract report a local cloud wrote ({@code --contract-report FILE}): one JSON line per API
 * exchange, with the violations the gateway's contract policy found. A suite that ran a stack in
 * this mode fails when it stops if any exchange broke the contracts.
 */
public record ContractReportFile(Path file) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LISTED = 40;

    /** Every exchange in the report. A killed stack may leave its last line cut short: it is left out. */
    public List<JsonNode> exchanges() {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> exchanges = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                exchanges.add(JSON.readTree(lines.get(i)));
            } catch (JacksonException e) {
                if (i < lines.size() - 1) {
                    throw new IllegalStateException(file + ", line " + (i + 1) + " is not JSON: " + lines.get(i), e);
                }
            }
        }
        return exchanges;
    }

    /** "GET /orders?limit=0 -> 401 (orders.yaml listOrders): answer: ...", one per violation. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        for (JsonNode exchange : exchanges()) {
            String where = exchange.path("method").asText() + " "
                    + exchange.path("path").asText() + " -> "
                    + exchange.path("status").asInt() + " ("
                    + exchange.path("contract").asText("no contract") + " "
                    + exchange.path("operationId").asText("no operation") + "): ";
            exchange.path("violations").forEach(violation -> violations.add(where + violation.asText()));
        }
        return violations;
    }

    /** Fails, listing them, when any exchange broke the contracts. */
    public void assertNoViolations() {
        List<String> violations = violations();
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(violations.size() + " contract violations in " + file + ":");
        violations.stream().limit(LISTED).forEach(v -> message.append("\n  ").append(v));
        if (violations.size() > LISTED) {
            message.append("\n  ... and ").append(violations.size() - LISTED).append(" more in the report");
        }
        throw new AssertionError(message.toString());
    }
}
