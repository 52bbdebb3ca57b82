package serverlessshop.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
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

    @Test
    void everyOperationAnswersItsErrorsWithTheProblemSchema() {
        for (Contracts.Op op : Contracts.operations()) {
            Map<String, ApiResponse> errors = new java.util.TreeMap<>();
            op.operation().getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    errors.put(status, resolve(op.api(), response));
                }
            });
            assertThat(errors).as("error responses of %s", op.routeKey()).isNotEmpty();
            errors.forEach((status, response) -> {
                Map<String, MediaType> content = response.getContent();
                assertThat(content).as("%s %s", op.routeKey(), status).containsOnlyKeys("application/problem+json");
                assertThat(content.get("application/problem+json").getSchema().get$ref())
                        .as("%s %s", op.routeKey(), status).isEqualTo("#/components/schemas/Problem");
            });
        }
    }

    /** The services refuse bodies over their size limit (OWASP API4): every operation that takes one says so. */
    @Test
    void everyOperationWithABodyDeclares413() {
        for (var op : Contracts.operations()) {
            if (op.operation().getRequestBody() != null) {
                assertThat(op.operation().getResponses()).as(op.routeKey()).containsKey("413");
            }
        }
    }

    @Test
    void everyOperationHasAUniqueIdATagAndADescription() {
        Set<String> ids = new HashSet<>();
        for (Contracts.Op op : Contracts.operations()) {
            assertThat(ids.add(op.operation().getOperationId())).as("unique operationId of %s", op.routeKey()).isTrue();
            assertThat(op.operation().getTags()).as("tags of %s", op.routeKey()).hasSize(1);
            assertThat(op.operation().getDescription()).as("description of %s", op.routeKey()).isNotBlank();
        }
    }

    @Test
    void requestBodiesRejectUnknownFieldsAndCarryNoServerSetFields() {
        Set<String> serverSet = Set.of("product_id", "order_id", "customer_id", "created_at", "updated_at",
                "order_date", "order_status", "total_amount", "price_per_unit", "unit_price", "status");
        for (Contracts.Op op : Contracts.operations()) {
            if (op.operation().getRequestBody() == null) {
                continue;
            }
            Schema<?> body = op.operation().getRequestBody().getContent().get("application/json").getSchema();
            assertClosed(op.api(), body, op.routeKey(), serverSet, op.routeKey().startsWith("PUT /orders/"));
        }
    }

    @ParameterizedTest
    @FieldSource("FUNCTIONS")
    void everySchemaHasAnExample(String function) {
        Contracts.read(function).getComponents().getSchemas()
                .forEach((name, schema) -> assertThat(schema.getExample()).as("example of %s in %s", name, function)
                        .isNotNull());
    }

    @Test
    void theSharedDefinitionsAreTheSameInBothContracts() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode products = yaml.readTree(Contracts.SPEC_DIR.resolve("products.yaml").toFile()).get("components");
        JsonNode orders = yaml.readTree(Contracts.SPEC_DIR.resolve("orders.yaml").toFile()).get("components");
        for (String schema : List.of("Problem", "FieldError", "StockShortage")) {
            assertThat(orders.at("/schemas/" + schema)).as(schema).isEqualTo(products.at("/schemas/" + schema));
        }
        for (String parameter : List.of("Limit", "Cursor", "IfMatch")) {
            assertThat(orders.at("/parameters/" + parameter)).as(parameter).isEqualTo(products.at("/parameters/" + parameter));
        }
        assertThat(orders.get("headers")).isEqualTo(products.get("headers"));
        assertThat(orders.at("/securitySchemes/bearerAuth")).isEqualTo(products.at("/securitySchemes/bearerAuth"));
    }

    /** Object schemas of a request body, nested ones too, say additionalProperties: false. */
    private static void assertClosed(OpenAPI api, Schema<?> schema, String where, Set<String> serverSet,
                                     boolean statusChange) {
        if (schema.get$ref() != null) {
            String name = Contracts.refName(schema.get$ref());
            assertClosed(api, api.getComponents().getSchemas().get(name), where + " > " + name, serverSet, statusChange);
            return;
        }
        if (schema.getItems() != null) {
            assertClosed(api, schema.getItems(), where + "[]", serverSet, statusChange);
        }
        if (schema.getProperties() == null) {
            return;
        }
        assertThat(schema.getAdditionalProperties()).as("additionalProperties of %s", where).isEqualTo(false);
        schema.getProperties().forEach((property, child) -> {
            boolean allowed = statusChange && property.equals("order_status") || property.equals("product_id");
            if (!allowed) {
                assertThat(serverSet).as("server-set field %s in request body %s", property, where).doesNotContain(property);
            }
            assertClosed(api, child, where + "." + property, serverSet, statusChange);
        });
    }

    private static ApiResponse resolve(OpenAPI api, ApiResponse response) {
        return response.get$ref() == null ? response
                : api.getComponents().getResponses().get(Contracts.refName(response.get$ref()));
    }
}
