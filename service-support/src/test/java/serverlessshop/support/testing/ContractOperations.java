package serverlessshop.support.testing;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operations of a contract, each as a request built from the contract's own examples: path
 * parameters, required headers and the request body. Tests use it to reach every operation.
 */
public final class ContractOperations {

    /** One operation and a valid example request for it. */
    public record ExampleRequest(
            String operationId, String method, String path, Map<String, String> headers, String body, Access access) {
        /** The request for MockMvc, with a JSON body when the operation takes one. */
        public org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder toMockMvc() {
            var builder = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(
                    org.springframework.http.HttpMethod.valueOf(method), path);
            headers.forEach(builder::header);
            if (body != null) {
                builder.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(body);
            }
            return builder;
        }

        @Override
        public String toString() {
            return operationId + " (" + method + " " + path + ")";
        }
    }

    /**
     * Who the contract lets in: nobody needs a token ({@code open}), or a valid token with these
     * scopes (checked by API Gateway) and these groups ({@code x-required-groups}, checked by the service).
     */
    public record Access(boolean open, List<String> scopes, List<String> groups) {}

    private ContractOperations() {}

    /** Reads a contract from the class path, where the generated API jar carries it ({@code openapi/NAME.yaml}). */
    public static OpenAPI contract(String name) {
        String location = "openapi/" + name + ".yaml";
        try (InputStream in = ContractOperations.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the class path");
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            return new OpenAPIParser()
                    .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options)
                    .getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The public operations of a contract: not the internal ones ({@code x-shop-internal}), which are
     * reached by direct invocation only and have no route for a token to be checked on.
     */
    public static Stream<ExampleRequest> examples(String name) {
        OpenAPI api = contract(name);
        List<ExampleRequest> requests = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (!isInternal(operation)) {
                        requests.add(example(api, path, item, method, operation));
                    }
                }));
        return requests.stream();
    }

    /** Marked internal in the contract: served to direct invocations only, with no API Gateway route. */
    public static boolean isInternal(Operation operation) {
        return operation.getExtensions() != null
                && Boolean.TRUE.equals(operation.getExtensions().get("x-shop-internal"));
    }

    private static ExampleRequest example(
            OpenAPI api, String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        String concretePath = path;
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            Parameter resolved = resolve(api, parameter);
            Object example = exampleOf(api, resolved);
            switch (resolved.getIn()) {
                case "path" ->
                    concretePath = concretePath.replace("{" + resolved.getName() + "}", String.valueOf(example));
                case "header" -> {
                    if (Boolean.TRUE.equals(resolved.getRequired())) {
                        headers.put(resolved.getName(), String.valueOf(example));
                    }
                }
                default -> {
                    // Optional query parameters are left out: the example is the smallest valid request.
                }
            }
        }
        String body = null;
        if (operation.getRequestBody() != null) {
            Schema<?> schema = operation
                    .getRequestBody()
                    .getContent()
                    .get("application/json")
                    .getSchema();
            body = Json.pretty(schemaOf(api, schema).getExample());
        }
        return new ExampleRequest(
                operation.getOperationId(), method.name(), concretePath, headers, body, access(api, operation));
    }

    @SuppressWarnings("unchecked")
    private static Access access(OpenAPI api, Operation operation) {
        var security = operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
        if (security == null || security.isEmpty()) {
            return new Access(true, List.of(), List.of());
        }
        List<String> scopes = security.getFirst().values().iterator().next();
        Object groups = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get("x-required-groups");
        return new Access(false, scopes, groups == null ? List.of() : (List<String>) groups);
    }

    private static Parameter resolve(OpenAPI api, Parameter parameter) {
        return parameter.get$ref() == null
                ? parameter
                : api.getComponents().getParameters().get(refName(parameter.get$ref()));
    }

    private static Object exampleOf(OpenAPI api, Parameter parameter) {
        Object example = parameter.getExample() != null
                ? parameter.getExample()
                : schemaOf(api, parameter.getSchema()).getExample();
        if (example == null) {
            throw new IllegalStateException("parameter " + parameter.getName() + " has no example");
        }
        return example;
    }

    private static Schema<?> schemaOf(OpenAPI api, Schema<?> schema) {
        return schema.get$ref() == null
                ? schema
                : api.getComponents().getSchemas().get(refName(schema.get$ref()));
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
