package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The events contract's {@code OrderEvent} schema (api-spec/order-events.yaml, on the class path as
 * {@code asyncapi/order-events.yaml}), with its formats asserted (uuid, date-time).
 */
public final class OrderEventSchema {

    private static final Schema SCHEMA = load();

    private OrderEventSchema() {}

    /** What is wrong with this event's JSON; empty when it is a valid {@code OrderEvent}. */
    public static List<String> problems(JsonNode event) {
        return SCHEMA
                .validate(event, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(Error::toString)
                .toList();
    }

    private static Schema load() {
        try (InputStream in = OrderEventSchema.class.getResourceAsStream("/asyncapi/order-events.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi/order-events.yaml is not on the class path");
            }
            JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(in);
            // The contract's components as a JSON Schema document of their own, so that its
            // "#/components/schemas/..." references resolve as written.
            ObjectNode document = new ObjectMapper().createObjectNode();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.put("$ref", "#/components/schemas/OrderEvent");
            document.putObject("components")
                    .set("schemas", contract.path("components").path("schemas"));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
