package serverlessshop.orders.events.contract;

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
 * The events contract's {@code OrderEvent} schema ({@code asyncapi/order-events.yaml}, which this
 * artifact carries), formats asserted (uuid, date-time): what the local cloud's bus holds every event
 * to, and the orders service's tests every event it publishes. Its validator and YAML reader are
 * optional dependencies of this artifact, so the orders function's image carries neither: a user
 * declares them.
 */
public final class OrderEventContract {

    /** Where this artifact carries the contract. */
    public static final String RESOURCE = "asyncapi/order-events.yaml";

    private final Schema schema;

    private OrderEventContract(Schema schema) {
        this.schema = schema;
    }

    public static OrderEventContract load() {
        try (InputStream in = OrderEventContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (the order-events artifact)");
            }
            JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(in);
            // The contract's components as a JSON Schema document of their own, so that its
            // "#/components/schemas/..." references resolve as written.
            ObjectNode document = new ObjectMapper().createObjectNode();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.put("$ref", "#/components/schemas/OrderEvent");
            document.putObject("components")
                    .set("schemas", contract.path("components").path("schemas"));
            return new OrderEventContract(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** What is wrong with an event's detail (empty: it is a valid {@code OrderEvent}). */
    public List<String> violations(JsonNode detail) {
        return schema
                .validate(detail, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(Error::toString)
                .toList();
    }
}
