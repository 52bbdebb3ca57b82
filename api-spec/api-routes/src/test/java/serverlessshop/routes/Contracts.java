package serverlessshop.routes;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The two contracts, read with swagger-parser: a reader independent of the routes generator. */
final class Contracts {

    static final Path SPEC_DIR = Path.of(System.getProperty("spec.dir", ".."));
    static final List<String> FUNCTIONS = List.of("products", "orders");

    record Op(String function, String path, PathItem.HttpMethod method, Operation operation, OpenAPI api) {
        String routeKey() {
            return method + " " + path;
        }
    }

    private Contracts() {}

    static OpenAPI read(String function) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIParser()
                .readLocation(SPEC_DIR.resolve(function + ".yaml").toUri().toString(), null, options);
        if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
            throw new IllegalStateException(function + ".yaml does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (String function : FUNCTIONS) {
            OpenAPI api = read(function);
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                path.getValue()
                        .readOperationsMap()
                        .forEach((method, operation) ->
                                ops.add(new Op(function, path.getKey(), method, operation, api)));
            }
        }
        return ops;
    }

    /** The name after the last slash of a local {@code $ref}. */
    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
