package serverlessshop.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code routes.json}: one route per operation of the contracts, with the function that
 * serves it and the authorization API Gateway must apply. Terraform and the local gateway both
 * read this file, so the routes exist in one place only: the contracts.
 *
 * <p>Usage: {@code RoutesGenerator OUTPUT SPEC...}; a spec's file name ({@code products.yaml})
 * names its function ({@code products}).
 */
public final class RoutesGenerator {

    /**
     * The vendor extension that marks an operation internal: its callers invoke the function directly
     * (IAM-authorized Lambda Invoke), so it gets no route. Not {@code x-internal}, with which
     * openapi-generator would leave the operation out of the generated clients as well.
     */
    public static final String INTERNAL = "x-shop-internal";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** What API Gateway checks before the function runs; {@code groups} are checked by the function. */
    public record Authorization(String type, List<String> scopes, List<String> groups) {
        static final Authorization NONE = new Authorization("none", List.of(), List.of());
    }

    public record Route(
            String routeKey,
            String method,
            String path,
            String operationId,
            String function,
            Authorization authorization) {}

    public record Routes(List<Route> routes) {}

    private RoutesGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: RoutesGenerator OUTPUT SPEC...");
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            routes.addAll(routesOf(Path.of(args[i])));
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        Path output = Path.of(args[0]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(output.toFile(), new Routes(routes));
    }

    static List<Route> routesOf(Path spec) throws IOException {
        JsonNode root = new YAMLMapper().readTree(spec.toFile());
        String function = spec.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        JsonNode schemes = root.path("components").path("securitySchemes");
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue; // path-level "parameters", "summary", ...
                }
                String method = op.getKey().toUpperCase(Locale.ROOT);
                JsonNode operation = op.getValue();
                if (operation.path(INTERNAL).asBoolean(false)) {
                    continue; // reached by direct invocation only: no route, on API Gateway or CloudFront
                }
                JsonNode security = operation.has("security") ? operation.get("security") : root.path("security");
                routes.add(new Route(
                        method + " " + path.getKey(),
                        method,
                        path.getKey(),
                        operation.path("operationId").asText(),
                        function,
                        authorization(security, schemes, operation.path("x-required-groups"))));
            }
        }
        return routes;
    }

    private static Authorization authorization(JsonNode security, JsonNode schemes, JsonNode groups) {
        if (security.isEmpty()) {
            return Authorization.NONE;
        }
        if (security.size() > 1 || security.get(0).size() != 1) {
            // API Gateway routes have exactly one authorizer: alternatives cannot be expressed.
            throw new IllegalArgumentException("one security requirement per operation is supported: " + security);
        }
        Map.Entry<String, JsonNode> requirement =
                security.get(0).properties().iterator().next();
        JsonNode scheme = schemes.path(requirement.getKey());
        boolean jwt = "oauth2".equals(scheme.path("type").asText())
                || "bearer".equalsIgnoreCase(scheme.path("scheme").asText());
        if (!jwt) {
            throw new IllegalArgumentException("only JWT security schemes are supported: " + requirement.getKey());
        }
        return new Authorization("jwt", texts(requirement.getValue()), texts(groups));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return List.copyOf(texts);
    }
}
