package serverlessshop.apicompat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An editable copy of a contract for one test: read as a tree, changed, written out as JSON (a YAML
 * subset), so status codes stay strings and the original file is never touched.
 */
final class ContractCopy {

    static final Path REPO =
            Path.of(System.getProperty("repo.dir", "../..")).toAbsolutePath().normalize();

    private final ObjectNode root;

    private ContractCopy(ObjectNode root) {
        this.root = root;
    }

    static ContractCopy ofReleased(String contract) throws IOException {
        return new ContractCopy((ObjectNode)
                new YAMLMapper().readTree(Release.released(REPO, contract).toFile()));
    }

    static Path released(String contract) {
        return Release.released(REPO, contract);
    }

    /** The object at a path of field names, e.g. {@code at("components", "schemas", "Product")}. */
    ObjectNode at(String... path) {
        ObjectNode node = root;
        for (String name : path) {
            if (!(node.get(name) instanceof ObjectNode child)) {
                throw new IllegalArgumentException("no object at " + String.join("/", path) + " (" + name + ")");
            }
            node = child;
        }
        return node;
    }

    ArrayNode required(String schema) {
        return (ArrayNode) at("components", "schemas", schema).get("required");
    }

    ContractCopy version(String version) {
        at("info").put("version", version);
        return this;
    }

    Path write(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }
}
