package serverlessshop.localcloud.events;

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
import java.util.List;

/**
 * The events contract (asyncapi/order-events.yaml, from the order-events artifact): an event's
 * detail is held to {@code components.schemas.OrderEvent}, whose references stay within the document.
 */
public final class OrderEventContract {

    /** Where the order-events artifact carries the contract. */
    public static final String RESOURCE = "asyncapi/order-events.yaml";

    private final Schema schema;

    private OrderEventContract(Schema schema) {
        this.schema = schema;
    }

    public static OrderEventContract load() throws IOException {
        JsonNode document;
        try (InputStream in = OrderEventContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the class path (the order-events artifact)");
            }
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        // The whole document as the schema resource, so that its #/components/... references resolve.
        ObjectNode root = document.deepCopy();
        root.put("$ref", "#/components/schemas/OrderEvent");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return new OrderEventContract(registry.getSchema(root));
    }

    /** What is wrong with the detail (empty: it is a valid order event). */
    public List<String> violations(JsonNode detail) {
        return schema.validate(detail).stream().map(Error::toString).toList();
    }
}
