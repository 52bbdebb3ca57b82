package serverlessshop.support.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import serverlessshop.support.testing.ContractOperations;

/**
 * Invalid (and borderline) requests for every operation of a contract, generated from the contract
 * itself: its parameters, request body schema and examples. Each case starts from the operation's
 * valid example and breaks one thing: a body field (wrong type, out of bounds, pattern, missing,
 * extra), the body as a whole (malformed JSON, wrong shape, huge, deeply nested, wrong media type),
 * a path, query or header parameter, or the headers themselves (huge, repeated, odd). Whether the
 * contract rejects the result is computed from the schema, so the generator can say which answers
 * must be 4xx and which need only not be a 5xx (unicode edge cases a pattern allows, say).
 */
public final class InvalidRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings no careful service should choke on: NUL, lone surrogates, RTL override, long grapheme clusters... */
    static final List<String> AWKWARD_STRINGS = List.of(
            "a\u0000b",
            "\u0000",
            "\uD800",
            "x\uDC00y",
            "\uDBFF\uDFFF",
            "\u202Eevil\u202C",
            "\u200F\u05E9\u05DC\u05D5\u05DD",
            "e" + "\u0301".repeat(2000),
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66".repeat(300),
            "\uFEFFbom",
            "\uFFFF\uFFFE",
            "\u2028line\u2029",
            "\r\n\t",
            "%00",
            "%s%n%x",
            "${jndi:ldap://x/a}",
            "' OR '1'='1",
            "\"; DROP TABLE products; --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "\u0130\u0131\u017F",
            "\uFF21\uFF22",
            " ",
            "",
            "null",
            "\\",
            "\\u0000",
            "A".repeat(70_000));

    /** A position in either service's sort keys: products (name, id), orders (date d, id i). */
    private static final String WELL_FORMED_POSITION =
            "{\"name\":\"Desk lamp\",\"id\":\"0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60\","
                    + "\"d\":\"2026-09-21T10:30:00Z\",\"i\":\"0192f1a5-0b7e-7c41-8a3d-2f6e9b0c1d24\"}";

    /** As long as the services' tags (serverlessshop.support.http.Cursors). */
    private static final int FORGED_TAG_BYTES = 16;

    private static final List<String> BAD_UUIDS = List.of(
            "not-a-uuid",
            "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f6g",
            "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f600",
            "0192f1a46c1e7d3a9b2f5e8c4a1d7f60",
            "{0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60}",
            "0",
            "-1",
            "null",
            "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f6\u0000",
            "\u0660\u0661\u0662",
            "' OR 1=1 --",
            "..",
            "%",
            "0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f6\uD800",
            "a".repeat(5000),
            "\u202E0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60",
            "1-1-1-1-1",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
            " 0192f1a4-6c1e-7d3a-9b2f-5e8c4a1d7f60");

    private static final List<String> MALFORMED_JSON = List.of(
            "{",
            "}",
            "{\"items\":",
            "{\"a\":1,}",
            "{'a':1}",
            "[",
            "{\"a\":1}}",
            "{\"a\" 1}",
            "nul",
            "tru",
            "{\"a\":\"\\x00\"}",
            "{\"a\":\"\\uD8\"}",
            "{\"a\":01}",
            "{\"a\":1e}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "\u0000",
            "\uFEFF{}",
            "{/*c*/}",
            "{\"a\":1}garbage",
            "\u00ff\u00fe",
            "{\"a\":\"\u0000\"}");

    private final OpenAPI api;

    private InvalidRequests(OpenAPI api) {
        this.api = api;
    }

    public static InvalidRequests forContract(String name) {
        return new InvalidRequests(ContractOperations.contract(name));
    }

    /** The operations of the contract, each with what the generator needs to know about it. */
    public List<Target> operations() {
        List<Target> targets = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> targets.add(target(path, item, method, operation))));
        return targets;
    }

    /** One operation: its route, parameters, body schema and a valid example request. */
    public record Target(
            String operationId,
            String method,
            String pathTemplate,
            List<Parameter> parameters,
            Schema<?> bodySchema,
            Map<String, String> exampleParameters,
            String exampleBody) {
        public String routeKey() {
            return method + " " + pathTemplate;
        }
    }

    private Target target(String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            item.getParameters().forEach(p -> parameters.add(resolve(p)));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> parameters.add(resolve(p)));
        }
        Map<String, String> examples = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            Object example = parameter.getExample() != null
                    ? parameter.getExample()
                    : schema(parameter.getSchema()).getExample();
            if (example != null
                    && (Boolean.TRUE.equals(parameter.getRequired())
                            || parameter.getIn().equals("path"))) {
                examples.put(parameter.getIn() + ":" + parameter.getName(), String.valueOf(example));
            }
        }
        Schema<?> body = null;
        String exampleBody = null;
        if (operation.getRequestBody() != null) {
            body = schema(operation
                    .getRequestBody()
                    .getContent()
                    .get("application/json")
                    .getSchema());
            exampleBody = Json.pretty(body.getExample());
        }
        return new Target(operation.getOperationId(), method.name(), path, parameters, body, examples, exampleBody);
    }

    /**
     * A generated case for the operation, from its seed alone. The example's values can be replaced
     * first ({@code adapt}), e.g. with the caller's own customer id or an existing product.
     */
    public FuzzCase generate(Target target, long seed, Function<Request, Request> adapt) {
        Random random = new Random(seed ^ target.operationId().hashCode());
        Request request = adapt.apply(Request.example(target));
        List<Mutation> mutations = new ArrayList<>();
        if (target.bodySchema() != null) {
            mutations.add(this::bodyField);
            mutations.add(this::bodyField);
            mutations.add(this::bodyField);
            mutations.add(this::missingField);
            mutations.add(this::extraField);
            mutations.add(InvalidRequests::malformedBody);
            mutations.add(InvalidRequests::bodyShape);
            mutations.add(InvalidRequests::mediaType);
        }
        if (target.parameters().stream().anyMatch(p -> !p.getIn().equals("header") || p.getSchema() != null)) {
            mutations.add(this::parameter);
            mutations.add(this::parameter);
        }
        mutations.add(InvalidRequests::headerAbuse);
        Mutation mutation = mutations.get(random.nextInt(mutations.size()));
        mutation.apply(target, request, random);
        return request.toCase(target, seed);
    }

    @FunctionalInterface
    private interface Mutation {
        void apply(Target target, Request request, Random random);
    }

    /** A request being built: starts as the operation's valid example. */
    public static final class Request {
        final Map<String, String> path = new LinkedHashMap<>();
        final List<String[]> query = new ArrayList<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        JsonNode json;
        String rawBody;
        boolean base64;
        String kind = "example";
        String wrong;
        boolean mustReject;

        static Request example(Target target) {
            Request request = new Request();
            target.exampleParameters().forEach((key, value) -> {
                String in = key.substring(0, key.indexOf(':'));
                String name = key.substring(key.indexOf(':') + 1);
                switch (in) {
                    case "path" -> request.path.put(name, value);
                    case "query" -> request.query.add(new String[] {name, value});
                    case "header" -> request.headers.put(name.toLowerCase(Locale.ROOT), value);
                    default -> {}
                }
            });
            // What the generated clients accept (a DELETE answered 204 produces neither: see the report of the suite)
            request.headers.put("accept", "application/json, application/problem+json");
            if (target.exampleBody() != null) {
                request.headers.put("content-type", "application/json");
                try {
                    request.json = JSON.readTree(target.exampleBody());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return request;
        }

        /** Replaces a path parameter's example value, where the operation has that parameter. */
        public Request withPath(String name, String value) {
            path.replace(name, value);
            return this;
        }

        /** Replaces a header's example value, where the operation has that header. */
        public Request withHeader(String name, String value) {
            headers.replace(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        /** Replaces a field of the example body, by its JSON pointer ({@code /items/0/product_id}), where there is one. */
        public Request withBodyValue(String pointer, JsonNode value) {
            if (json == null || json.at(pointer).isMissingNode()) {
                return this;
            }
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = json.at(pointer.substring(0, slash));
            String last = pointer.substring(slash + 1);
            if (parent instanceof ObjectNode object) {
                object.set(last, value);
            } else if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), value);
            }
            return this;
        }

        FuzzCase toCase(Target target, long seed) {
            String rawPath = target.pathTemplate();
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (var entry : path.entrySet()) {
                rawPath = rawPath.replace("{" + entry.getKey() + "}", encodePath(entry.getValue()));
                pathParameters.put(entry.getKey(), entry.getValue());
            }
            StringBuilder rawQuery = new StringBuilder();
            for (String[] pair : query) {
                rawQuery.append(rawQuery.isEmpty() ? "" : "&")
                        .append(URLEncoder.encode(pair[0], StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
            }
            String body = rawBody != null ? rawBody : json == null ? null : json.toString();
            return new FuzzCase(
                    target.operationId(),
                    kind,
                    target.routeKey(),
                    rawPath,
                    pathParameters,
                    rawQuery.toString(),
                    Map.copyOf(headers),
                    body,
                    base64,
                    mustReject,
                    wrong,
                    seed);
        }

        private static String encodePath(String value) {
            // A path segment as a client would send it: everything outside unreserved characters escaped.
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    // ---- body fields -------------------------------------------------------------------------

    /** A field of the body, its JSON pointer and the schema the contract gives it. */
    private record Field(String pointer, String name, JsonNode parent, Schema<?> schema, boolean required) {}

    private void bodyField(Target target, Request request, Random random) {
        if (request.json == null) {
            return;
        }
        List<Field> fields = new ArrayList<>();
        collectFields(request.json, target.bodySchema(), "", fields);
        if (fields.isEmpty()) {
            return;
        }
        Field field = fields.get(random.nextInt(fields.size()));
        Schema<?> schema = schema(field.schema());
        Value value = invalidValue(schema, random);
        request.kind = "field:" + value.kind();
        request.wrong = field.pointer().substring(1).replace('/', '.').replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
        request.mustReject = value.invalid();
        set(field, value.node());
    }

    private void missingField(Target target, Request request, Random random) {
        if (request.json == null) {
            return;
        }
        List<Field> fields = new ArrayList<>();
        collectFields(request.json, target.bodySchema(), "", fields);
        List<Field> required = fields.stream().filter(Field::required).toList();
        if (required.isEmpty()) {
            return;
        }
        Field field = required.get(random.nextInt(required.size()));
        ((ObjectNode) field.parent()).remove(field.name());
        request.kind = "missing-required";
        request.wrong = field.pointer().substring(1).replace('/', '.').replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
        request.mustReject = true;
    }

    private void extraField(Target target, Request request, Random random) {
        if (!(request.json instanceof ObjectNode root)) {
            return;
        }
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(root);
        root.findParents("product_id").forEach(node -> {
            if (node instanceof ObjectNode object) {
                objects.add(object);
            }
        });
        root.findParents("street").forEach(node -> objects.add((ObjectNode) node));
        ObjectNode target0 = objects.get(random.nextInt(objects.size()));
        // Server-owned fields a client might try to set (mass assignment), and plain unknown ones.
        List<String> names = List.of(
                "price",
                "total_amount",
                "order_status",
                "customer_id",
                "order_id",
                "product_id",
                "created_at",
                "version",
                "is_admin",
                "__proto__",
                "",
                "x".repeat(300),
                "Price",
                "sku ",
                "\u0000");
        String name = names.get(random.nextInt(names.size()));
        if (target0.has(name)) {
            name = name + "_extra";
        }
        target0.set(name, random.nextBoolean() ? NODES.numberNode(0.01) : NODES.textNode("ACCEPTED"));
        request.kind = "extra-field";
        request.wrong = name;
        request.mustReject = true; // every request schema has additionalProperties: false
    }

    private void collectFields(JsonNode node, Schema<?> schema, String pointer, List<Field> fields) {
        Schema<?> resolved = schema(schema);
        if (node instanceof ObjectNode object && resolved.getProperties() != null) {
            List<String> required = resolved.getRequired() == null ? List.of() : resolved.getRequired();
            resolved.getProperties().forEach((name, property) -> {
                if (object.has(name)) {
                    String child = pointer + "/" + name;
                    fields.add(new Field(child, name, object, property, required.contains(name)));
                    collectFields(object.get(name), property, child, fields);
                }
            });
        } else if (node instanceof ArrayNode array && resolved.getItems() != null) {
            for (int i = 0; i < array.size(); i++) {
                String child = pointer + "/" + i;
                fields.add(new Field(child, String.valueOf(i), array, resolved.getItems(), false));
                collectFields(array.get(i), resolved.getItems(), child, fields);
            }
        }
    }

    private static void set(Field field, JsonNode value) {
        if (field.parent() instanceof ObjectNode object) {
            object.set(field.name(), value);
        } else if (field.parent() instanceof ArrayNode array) {
            array.set(Integer.parseInt(field.name()), value);
        }
    }

    /** A value for a field of this schema, and whether the contract rejects it. */
    private record Value(JsonNode node, boolean invalid, String kind) {}

    private Value invalidValue(Schema<?> schema, Random random) {
        String type = typeOf(schema);
        int choice = random.nextInt(10);
        if (choice < 2) {
            return wrongType(type, schema, random);
        }
        return switch (type) {
            case "string" -> badString(schema, random);
            case "integer", "number" -> badNumber(schema, type, random);
            case "array" -> badArray(schema, random);
            case "boolean" -> wrongType(type, schema, random);
            default -> wrongType(type, schema, random);
        };
    }

    private static Value wrongType(String type, Schema<?> schema, Random random) {
        List<JsonNode> options = new ArrayList<>(List.of(
                NODES.textNode("12"),
                NODES.numberNode(12),
                NODES.numberNode(1.5),
                NODES.booleanNode(true),
                NODES.arrayNode(),
                NODES.objectNode(),
                NODES.nullNode()));
        JsonNode node = options.get(random.nextInt(options.size()));
        boolean sameType = switch (type) {
                    case "string" -> node.isTextual() || node.isNull() && Boolean.TRUE.equals(schema.getNullable());
                    case "integer" -> node.isIntegralNumber();
                    case "number" -> node.isNumber();
                    case "boolean" -> node.isBoolean();
                    case "array" -> node.isArray();
                    case "object" -> node.isObject();
                    default -> true;
                }
                || node.isNull() && Boolean.TRUE.equals(schema.getNullable());
        // "12" for an integer is coerced by some parsers; the contract says it is a string, so it is invalid.
        return new Value(node, !sameType, "wrong-type");
    }

    private Value badString(Schema<?> schema, Random random) {
        int choice = random.nextInt(6);
        String value;
        String kind;
        if (choice == 0 && schema.getMaxLength() != null) {
            value = "A".repeat(schema.getMaxLength() + 1 + random.nextInt(3) * random.nextInt(5000));
            kind = "too-long";
        } else if (choice == 1 && "uuid".equals(schema.getFormat())) {
            value = BAD_UUIDS.get(random.nextInt(BAD_UUIDS.size()));
            kind = "bad-uuid";
        } else if (choice == 2 && schema.getEnum() != null) {
            value = List.of("pending", "Confirmed", "UNKNOWN", "", "CANCELLED ", "0")
                    .get(random.nextInt(6));
            kind = "not-in-enum";
        } else if (choice == 3 && schema.getMinLength() != null && schema.getMinLength() > 0) {
            value = "";
            kind = "too-short";
        } else {
            value = AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()));
            kind = "awkward-string";
        }
        return new Value(NODES.textNode(value), !allowed(schema, value), kind);
    }

    /** Whether the contract allows this string: length (in code points, as JSON Schema counts), pattern, enum, format. */
    static boolean allowed(Schema<?> schema, String value) {
        int length = value.codePointCount(0, value.length());
        if (schema.getMaxLength() != null && length > schema.getMaxLength()
                || schema.getMinLength() != null && length < schema.getMinLength()) {
            return false;
        }
        if (schema.getPattern() != null
                && !Pattern.compile(schema.getPattern()).matcher(value).find()) {
            return false;
        }
        if (schema.getEnum() != null && !schema.getEnum().contains(value)) {
            return false;
        }
        if ("uuid".equals(schema.getFormat())) {
            return value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        }
        if ("date-time".equals(schema.getFormat())) {
            return false; // none of the awkward strings is a date-time
        }
        return true;
    }

    private static Value badNumber(Schema<?> schema, String type, Random random) {
        BigDecimal minimum = schema.getMinimum();
        BigDecimal maximum = schema.getMaximum();
        List<BigDecimal> options = new ArrayList<>();
        if (minimum != null) {
            options.add(minimum.subtract(BigDecimal.ONE));
            options.add(minimum.subtract(new BigDecimal("0.01")));
        }
        if (maximum != null) {
            options.add(maximum.add(BigDecimal.ONE));
            options.add(maximum.add(new BigDecimal("0.01")));
        }
        options.add(new BigDecimal("2147483648"));
        options.add(new BigDecimal("-2147483649"));
        options.add(new BigDecimal("9223372036854775808"));
        options.add(new BigDecimal("1e400"));
        options.add(new BigDecimal("-1e400"));
        options.add(new BigDecimal("1.000000000000000000001"));
        options.add(new BigDecimal("0.001"));
        options.add(new BigDecimal("-0.0"));
        options.add(new BigDecimal("1E+2"));
        options.add(new BigDecimal("39.999"));
        BigDecimal number = options.get(random.nextInt(options.size()));
        boolean integral = number.stripTrailingZeros().scale() <= 0;
        boolean invalid = minimum != null && number.compareTo(minimum) < 0
                || maximum != null && number.compareTo(maximum) > 0
                || type.equals("integer") && !integral
                || schema.getMultipleOf() != null
                        && number.remainder(schema.getMultipleOf()).signum() != 0
                || "int32".equals(schema.getFormat())
                        && integral
                        && number.abs().compareTo(new BigDecimal("2147483647")) > 0;
        return new Value(NODES.numberNode(number), invalid, "out-of-bounds");
    }

    private Value badArray(Schema<?> schema, Random random) {
        if (random.nextBoolean() && schema.getMinItems() != null && schema.getMinItems() > 0) {
            return new Value(NODES.arrayNode(), true, "too-few-items");
        }
        int count = (schema.getMaxItems() == null ? 100 : schema.getMaxItems()) + 1 + random.nextInt(200);
        ArrayNode array = NODES.arrayNode();
        Schema<?> items = schema(schema.getItems());
        for (int i = 0; i < count; i++) {
            array.add(items.getExample() == null ? NODES.textNode("x") : JSON.valueToTree(items.getExample()));
        }
        return new Value(array, schema.getMaxItems() != null, "too-many-items");
    }

    // ---- the body as a whole -------------------------------------------------------------------

    private static void malformedBody(Target target, Request request, Random random) {
        request.json = null;
        request.rawBody = MALFORMED_JSON.get(random.nextInt(MALFORMED_JSON.size()));
        if (random.nextInt(4) == 0 && target.exampleBody() != null) {
            String valid = target.exampleBody();
            request.rawBody = valid.substring(0, 1 + random.nextInt(valid.length() - 1)); // truncated
        }
        request.kind = "malformed-json";
        request.mustReject = true;
    }

    private static void bodyShape(Target target, Request request, Random random) {
        request.json = null;
        int choice = random.nextInt(9);
        request.rawBody = switch (choice) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> "\"text\"";
            case 4 -> "42";
            case 5 -> "[".repeat(100_000) + "]".repeat(100_000); // deep nesting
            case 6 -> "{\"a\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001);
            case 7 -> "{\"padding\":\"" + "x".repeat(3_000_000) + "\"}"; // huge
            default -> " ".repeat(2_000_000) + target.exampleBody(); // a valid body, hugely padded
        };
        if (choice == 8) {
            request.mustReject = false; // valid JSON, only large: a size limit may refuse it, nothing must break
            request.kind = "huge-whitespace";
        } else {
            request.mustReject = true;
            request.kind = "body-shape";
        }
        if (random.nextInt(6) == 0) {
            // isBase64Encoded with something that is not base64, or is base64 of garbage
            // (API Gateway always encodes correctly, so only what it could send: base64 of bytes that are not UTF-8
            // JSON)
            request.base64 = true;
            request.rawBody = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x7b});
            request.kind = "base64-garbage";
            request.mustReject = true;
        }
    }

    private static void mediaType(Target target, Request request, Random random) {
        List<String> types = List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=utf-16",
                "application/json; charset=bogus",
                "application/jsonx",
                "*/*",
                "application/",
                ";;;",
                "application/json\u0000",
                "\u00e9/\u00e9",
                "");
        String type = types.get(random.nextInt(types.size()));
        if (random.nextInt(5) == 0) {
            request.headers.remove("content-type");
            request.kind = "no-content-type";
        } else {
            request.headers.put("content-type", type);
            request.kind = "content-type";
        }
        request.wrong = "Content-Type";
        // JSON with another charset parameter may be read or refused; any other type must be refused.
        request.mustReject = !type.startsWith("application/json;");
    }

    // ---- parameters and headers --------------------------------------------------------------

    private void parameter(Target target, Request request, Random random) {
        List<Parameter> parameters = target.parameters();
        Parameter parameter = parameters.get(random.nextInt(parameters.size()));
        Schema<?> schema = schema(parameter.getSchema());
        String name = parameter.getName();
        request.wrong = name;
        request.kind = parameter.getIn() + "-parameter";
        String value;
        boolean invalid;
        int choice = random.nextInt(4);
        if ("uuid".equals(schema.getFormat())) {
            value = choice == 0
                    ? AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()))
                    : BAD_UUIDS.get(random.nextInt(BAD_UUIDS.size()));
            if (value.isEmpty()) {
                value = "not-a-uuid";
            }
            invalid = !allowed(schema, value);
        } else if ("integer".equals(typeOf(schema))) {
            // Out of bounds, not a number, or a number in another form than JSON's (which Java's and
            // Spring's parsing would take: other scripts' digits, a plus sign, spaces, hex).
            List<String> refused = List.of(
                    "0",
                    "-1",
                    "101",
                    "abc",
                    "1.5",
                    "99999999999999999999",
                    "1e2",
                    "5,5",
                    "NaN",
                    "\u0000",
                    "1\u0000",
                    " 5",
                    "5 ",
                    "+5",
                    "\u0661",
                    "",
                    "0x10",
                    "#10",
                    "05");
            value = refused.get(random.nextInt(refused.size()));
            invalid = true;
        } else if (name.equals("cursor")) {
            value = switch (choice) {
                case 0 -> {
                    // Positions a service could have made (the products' and the orders' sort keys
                    // both), unsigned or behind a tag the fuzzer made up: only the service's key signs.
                    byte[] json = List.of(
                                    "{}",
                                    "[]",
                                    "{\"n\":1,\"i\":2}",
                                    "{\"n\":\"\",\"i\":\"not-a-uuid\"}",
                                    "null",
                                    "\u0000",
                                    "{\"d\":\"9999-99-99\",\"o\":\"x\"}",
                                    "garbage",
                                    WELL_FORMED_POSITION,
                                    WELL_FORMED_POSITION)
                            .get(random.nextInt(10))
                            .getBytes(StandardCharsets.UTF_8);
                    byte[] cursor = json;
                    if (random.nextBoolean()) {
                        cursor = new byte[FORGED_TAG_BYTES + json.length];
                        random.nextBytes(cursor);
                        System.arraycopy(json, 0, cursor, FORGED_TAG_BYTES, json.length);
                    }
                    yield Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
                }
                case 1 -> randomBase64Url(random, 1 + random.nextInt(600));
                case 2 ->
                    List.of("!!", "a b", "%00", "====", "a/b", "\u00e9t\u00e9", "-", "_")
                            .get(random.nextInt(8));
                default -> AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()));
            };
            if (value.isEmpty()) {
                value = "-";
            }
            // A well-formed but forged cursor is valid input by the contract's pattern: the service must refuse it
            // cleanly.
            invalid = !allowed(schema, value) || choice < 2;
        } else if (name.equalsIgnoreCase("If-Match")) {
            value = List.of(
                            "\"abc",
                            "abc",
                            "W/\"1\"",
                            "*",
                            "\"1\", \"2\"",
                            "\"" + "9".repeat(100) + "\"",
                            "\"-1\"",
                            "\"\u00e9\"",
                            "\"" + "x".repeat(200) + "\"",
                            "",
                            "W/",
                            "\"\"",
                            "\"1\u0000\"",
                            "\"99999999999999999999\"")
                    .get(random.nextInt(14));
            invalid = !allowed(schema, value);
            request.mustReject = invalid;
            request.headers.put("if-match", value);
            return;
        } else if (name.equalsIgnoreCase("Idempotency-Key")) {
            value = choice == 0
                    ? AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()))
                    : List.of("", " ", "k".repeat(256), "a b", "\u00e9", "key\u0000", "\t")
                            .get(random.nextInt(7));
            invalid = !allowed(schema, value);
            if (random.nextInt(5) == 0) {
                request.headers.remove("idempotency-key");
                request.kind = "missing-header";
                invalid = true;
            } else {
                request.headers.put("idempotency-key", value);
            }
            request.mustReject = invalid;
            return;
        } else if ("boolean".equals(typeOf(schema))) {
            value = List.of("yes", "no", "on", "off", "1", "0", "TRUE", "False", " true", "", "\u0000", "null")
                    .get(random.nextInt(12));
            invalid = true;
        } else {
            value = choice == 0 && schema.getEnum() != null
                    ? "pending"
                    : choice == 1 && schema.getEnum() != null
                            ? " " + schema.getEnum().getFirst() // an enum value, padded
                            : AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()));
            invalid = !allowed(schema, value);
        }
        request.mustReject = invalid;
        switch (parameter.getIn()) {
            case "path" -> request.path.put(name, value.isEmpty() ? "-" : value);
            case "query" -> {
                request.query.removeIf(pair -> pair[0].equals(name));
                request.query.add(new String[] {name, value});
                if (random.nextInt(6) == 0) {
                    // repeated: no query parameter of the contracts is a list, so even a valid value twice is refused
                    request.query.add(new String[] {name, value});
                    request.kind = "repeated-query-parameter";
                    request.mustReject = true;
                }
            }
            case "header" -> request.headers.put(name.toLowerCase(Locale.ROOT), value);
            default -> {}
        }
    }

    private static void headerAbuse(Target target, Request request, Random random) {
        request.kind = "header-abuse";
        int choice = random.nextInt(9);
        switch (choice) {
            case 0 -> request.headers.put("x-padding", "p".repeat(8_000 + random.nextInt(60_000)));
            case 1 -> {
                for (int i = 0; i < 300; i++) {
                    request.headers.put("x-many-" + i, "v" + i);
                }
            }
            case 2 ->
                request.headers.put(
                        "accept",
                        List.of(
                                        "application/xml",
                                        "text/html",
                                        "image/png",
                                        "*/*;q=0",
                                        "application/problem+xml",
                                        "garbage",
                                        ";;",
                                        "application/json;q=abc")
                                .get(random.nextInt(8)));
            case 3 ->
                request.headers.put(
                        "content-length",
                        List.of("-1", "abc", "999999999999", "0", "1").get(random.nextInt(5)));
            case 4 -> request.headers.put("x-forwarded-for", "\u0000" + "1.1.1.1, ".repeat(2_000));
            case 5 ->
                request.headers.put(
                        "authorization",
                        List.of(
                                        "Bearer",
                                        "Bearer ",
                                        "Basic Zm9vOmJhcg==",
                                        "Bearer a.b.c",
                                        "Bearer " + "x".repeat(20_000),
                                        "bearer \u0000",
                                        "Bearer eyJ.eyJ.",
                                        "Negotiate x")
                                .get(random.nextInt(8)));
            case 6 -> request.headers.put("x-\u00e9\u0000", "\uD800");
            case 7 -> request.headers.put("accept-language", "\u202E" + "de".repeat(5_000));
            default -> {
                // A header the service reads, repeated: API Gateway joins the values with a comma.
                String name = request.headers.containsKey("if-match")
                        ? "if-match"
                        : request.headers.containsKey("idempotency-key") ? "idempotency-key" : "content-type";
                String existing = request.headers.getOrDefault(name, "application/json");
                request.headers.put(name, existing + "," + existing);
                request.kind = "repeated-header";
                request.wrong = name;
                // Two If-Match tags are valid HTTP; two content types or keys are not, but the contract's
                // patterns happen to allow some joined values: only 5xx is ruled out here.
            }
        }
        request.mustReject = false;
    }

    private static String randomBase64Url(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    // ---- schemas -------------------------------------------------------------------------------

    private Parameter resolve(Parameter parameter) {
        return parameter.get$ref() == null
                ? parameter
                : api.getComponents().getParameters().get(refName(parameter.get$ref()));
    }

    Schema<?> schema(Schema<?> schema) {
        Schema<?> current = schema;
        while (current != null && current.get$ref() != null) {
            current = api.getComponents().getSchemas().get(refName(current.get$ref()));
        }
        return current;
    }

    private static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().iterator().next();
        }
        return schema.getProperties() != null ? "object" : "string";
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
