package serverlessshop.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The API conventions (README, "API conventions"), checked on the contracts themselves. */
class ContractConventionsTest {

    static final List<String> FUNCTIONS = Contracts.FUNCTIONS;

    static final String PROBLEM = "application/problem+json";
    static final String GATEWAY = "application/json";

    /** The functions answer problem documents; API Gateway answers {"message"} as application/json. */
    @Test
    void everyErrorIsAProblemDocumentOrTheGatewaysOwnAnswer() {
        for (Contracts.Op op : Contracts.operations()) {
            Map<String, ApiResponse> errors = errors(op);
            assertThat(errors).as("error responses of %s", op.routeKey()).isNotEmpty();
            errors.forEach((status, response) -> {
                Map<String, MediaType> content = response.getContent();
                assertThat(content).as("%s %s", op.routeKey(), status).isNotEmpty();
                assertThat(content.keySet()).as("%s %s", op.routeKey(), status).isSubsetOf(PROBLEM, GATEWAY);
                if (content.containsKey(PROBLEM)) {
                    assertThat(content.get(PROBLEM).getSchema().get$ref())
                            .as("%s %s", op.routeKey(), status)
                            .isEqualTo("#/components/schemas/Problem");
                }
                if (content.containsKey(GATEWAY)) {
                    assertThat(content.get(GATEWAY).getSchema().get$ref())
                            .as("%s %s", op.routeKey(), status)
                            .isEqualTo("#/components/schemas/GatewayError");
                }
            });
        }
    }

    /**
     * Where API Gateway can answer before (or instead of) the function, the operation declares its
     * answer: any request can be unreadable (400), throttled (429), meet a failed function (500) or
     * a timeout (503); the JWT authorizer refuses tokens on protected routes (401) and tokens without
     * the route's scopes (403); a body can be over 10 MB, on any route (413); an empty path parameter matches
     * no route (404).
     */
    @Test
    void theGatewaysOwnAnswersAreDeclaredWhereItCanGiveThem() {
        for (Contracts.Op op : Contracts.operations()) {
            if (isInternal(op)) {
                continue; // no route: API Gateway never answers for it (its 1.2 declarations stay for old clients)
            }
            Set<String> expected = new java.util.TreeSet<>(Set.of("400", "413", "429", "500", "503"));
            List<SecurityRequirement> security = security(op);
            if (!security.isEmpty()) {
                expected.add("401");
            }
            if (security.stream()
                    .anyMatch(requirement -> requirement.values().stream().anyMatch(s -> !s.isEmpty()))) {
                expected.add("403");
            }
            if (op.path().contains("{")) {
                expected.add("404");
            }
            Set<String> declared = new java.util.TreeSet<>();
            errors(op).forEach((status, response) -> {
                if (response.getContent().containsKey(GATEWAY)) {
                    declared.add(status);
                }
            });
            assertThat(declared)
                    .as("statuses where %s declares API Gateway's own answer", op.routeKey())
                    .isEqualTo(expected);
        }
    }

    private static boolean isInternal(Contracts.Op op) {
        return op.operation().getExtensions() != null
                && Boolean.TRUE.equals(op.operation().getExtensions().get(RoutesGenerator.INTERNAL));
    }

    /**
     * Only where no function can give the status (an unmatched path) is the gateway's answer alone. A 429
     * keeps the problem document beside the stage's throttling: the services' own limits answer with one.
     */
    @Test
    void theFunctionsAnswerEveryOtherErrorWithAProblemDocument() {
        for (Contracts.Op op : Contracts.operations()) {
            errors(op).forEach((status, response) -> {
                if (!response.getContent().containsKey(PROBLEM)) {
                    assertThat(status)
                            .as("gateway-only answer of %s", op.routeKey())
                            .isEqualTo("404");
                }
            });
        }
        Contracts.Op createOrder = Contracts.operations().stream()
                .filter(op -> op.routeKey().equals("POST /orders"))
                .findFirst()
                .orElseThrow();
        assertThat(errors(createOrder).get("429").getContent())
                .as("the orders service limits each customer's orders")
                .containsKey(PROBLEM);
    }

    /**
     * The services refuse bodies over their size limit (OWASP API4) before they know the operation, so
     * also on one that takes no body: every operation says so.
     */
    @Test
    void everyOperationDeclares413() {
        for (var op : Contracts.operations()) {
            assertThat(op.operation().getResponses()).as(op.routeKey()).containsKey("413");
        }
    }

    /**
     * The services answer JSON only: a request whose {@code Accept} admits neither JSON type is refused
     * with a problem document (RFC 9110 lets a server honour such an {@code Accept} or disregard it;
     * the services honour it, so the caller learns what it will get rather than receiving it anyway).
     */
    @Test
    void everyOperationDeclaresTheProblemForAnAcceptItCannotServe() {
        for (Contracts.Op op : Contracts.operations()) {
            ApiResponse notAcceptable = op.operation().getResponses().get("406");
            assertThat(notAcceptable).as("406 of %s", op.routeKey()).isNotNull();
            assertThat(notAcceptable.get$ref())
                    .as("406 of %s", op.routeKey())
                    .isEqualTo("#/components/responses/NotAcceptable");
        }
    }

    /**
     * The services refuse a query parameter given twice or empty (service-support's StrictQueryValues),
     * which is right only while no query parameter is a list and none may be an empty text: whoever
     * adds one changes that rule first.
     */
    @Test
    void everyQueryParameterIsOneValueThatCannotBeEmpty() {
        for (Contracts.Op op : Contracts.operations()) {
            for (Parameter parameter : parameters(op)) {
                if (!"query".equals(parameter.getIn())) {
                    continue;
                }
                String where = op.routeKey() + " ?" + parameter.getName();
                Schema<?> schema = resolve(op.api(), parameter.getSchema());
                assertThat(typeOf(schema)).as("type of %s", where).isIn("string", "integer", "boolean");
                if ("string".equals(typeOf(schema)) && schema.getEnum() == null) {
                    assertThat(schema.getMinLength())
                            .as("minLength of %s", where)
                            .isNotNull()
                            .isPositive();
                }
            }
        }
    }

    @Test
    void everyOperationHasAUniqueIdATagAndADescription() {
        Set<String> ids = new HashSet<>();
        for (Contracts.Op op : Contracts.operations()) {
            assertThat(ids.add(op.operation().getOperationId()))
                    .as("unique operationId of %s", op.routeKey())
                    .isTrue();
            assertThat(op.operation().getTags()).as("tags of %s", op.routeKey()).hasSize(1);
            assertThat(op.operation().getDescription())
                    .as("description of %s", op.routeKey())
                    .isNotBlank();
        }
    }

    @Test
    void requestBodiesRejectUnknownFieldsAndCarryNoServerSetFields() {
        Set<String> serverSet = Set.of(
                "product_id",
                "order_id",
                "customer_id",
                "created_at",
                "updated_at",
                "order_date",
                "order_status",
                "total_amount",
                "price_per_unit",
                "unit_price",
                "status");
        for (Contracts.Op op : Contracts.operations()) {
            if (op.operation().getRequestBody() == null) {
                continue;
            }
            Schema<?> body = op.operation()
                    .getRequestBody()
                    .getContent()
                    .get("application/json")
                    .getSchema();
            assertClosed(op.api(), body, op.routeKey(), serverSet, op.routeKey().startsWith("PUT /orders/"));
        }
    }

    @ParameterizedTest
    @FieldSource("FUNCTIONS")
    void everySchemaHasAnExample(String function) {
        Contracts.read(function)
                .getComponents()
                .getSchemas()
                .forEach((name, schema) -> assertThat(schema.getExample())
                        .as("example of %s in %s", name, function)
                        .isNotNull());
    }

    @Test
    void theSharedDefinitionsAreTheSameInBothContracts() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode products = yaml.readTree(
                        Contracts.SPEC_DIR.resolve("products.yaml").toFile())
                .get("components");
        JsonNode orders = yaml.readTree(
                        Contracts.SPEC_DIR.resolve("orders.yaml").toFile())
                .get("components");
        for (String schema : List.of("Problem", "GatewayError", "FieldError", "StockShortage")) {
            assertThat(orders.at("/schemas/" + schema)).as(schema).isEqualTo(products.at("/schemas/" + schema));
        }
        for (String parameter : List.of("Limit", "Cursor", "IfMatch")) {
            assertThat(orders.at("/parameters/" + parameter))
                    .as(parameter)
                    .isEqualTo(products.at("/parameters/" + parameter));
        }
        assertThat(orders.get("headers")).isEqualTo(products.get("headers"));
        assertThat(orders.at("/securitySchemes/bearerAuth")).isEqualTo(products.at("/securitySchemes/bearerAuth"));
    }

    /** Object schemas of a request body, nested ones too, say additionalProperties: false. */
    private static void assertClosed(
            OpenAPI api, Schema<?> schema, String where, Set<String> serverSet, boolean statusChange) {
        if (schema.get$ref() != null) {
            String name = Contracts.refName(schema.get$ref());
            assertClosed(
                    api, api.getComponents().getSchemas().get(name), where + " > " + name, serverSet, statusChange);
            return;
        }
        if (schema.getItems() != null) {
            assertClosed(api, schema.getItems(), where + "[]", serverSet, statusChange);
        }
        if (schema.getProperties() == null) {
            return;
        }
        assertThat(schema.getAdditionalProperties())
                .as("additionalProperties of %s", where)
                .isEqualTo(false);
        schema.getProperties().forEach((property, child) -> {
            boolean allowed = statusChange && property.equals("order_status") || property.equals("product_id");
            if (!allowed) {
                assertThat(serverSet)
                        .as("server-set field %s in request body %s", property, where)
                        .doesNotContain(property);
            }
            assertClosed(api, child, where + "." + property, serverSet, statusChange);
        });
    }

    private static Map<String, ApiResponse> errors(Contracts.Op op) {
        Map<String, ApiResponse> errors = new java.util.TreeMap<>();
        op.operation().getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                errors.put(status, resolve(op.api(), response));
            }
        });
        return errors;
    }

    /** The operation's own requirements, else the contract's; empty for a public operation. */
    private static List<SecurityRequirement> security(Contracts.Op op) {
        List<SecurityRequirement> own = op.operation().getSecurity();
        return own != null
                ? own
                : op.api().getSecurity() == null ? List.of() : op.api().getSecurity();
    }

    /** The operation's parameters and its path's, resolved. */
    private static List<Parameter> parameters(Contracts.Op op) {
        List<Parameter> all = new java.util.ArrayList<>();
        PathItem path = op.api().getPaths().get(op.path());
        for (List<Parameter> list :
                java.util.Arrays.asList(path.getParameters(), op.operation().getParameters())) {
            if (list != null) {
                list.forEach(parameter -> all.add(
                        parameter.get$ref() == null
                                ? parameter
                                : op.api()
                                        .getComponents()
                                        .getParameters()
                                        .get(Contracts.refName(parameter.get$ref()))));
            }
        }
        return all;
    }

    private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        return schema.get$ref() == null
                ? schema
                : api.getComponents().getSchemas().get(Contracts.refName(schema.get$ref()));
    }

    private static String typeOf(Schema<?> schema) {
        return schema.getType() != null
                ? schema.getType()
                : schema.getTypes() == null || schema.getTypes().isEmpty()
                        ? null
                        : schema.getTypes().iterator().next();
    }

    private static ApiResponse resolve(OpenAPI api, ApiResponse response) {
        return response.get$ref() == null
                ? response
                : api.getComponents().getResponses().get(Contracts.refName(response.get$ref()));
    }
}
