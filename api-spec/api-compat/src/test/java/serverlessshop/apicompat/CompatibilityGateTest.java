package serverlessshop.apicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate on edited copies of the released products contract: what breaks clients and what does not. */
class CompatibilityGateTest {

    @TempDir
    Path dir;

    private CompatibilityGate.Verdict compare(ContractCopy copy) throws IOException {
        return CompatibilityGate.compare(
                "products.yaml", ContractCopy.released("products"), copy.write(dir, "products"));
    }

    private static ContractCopy products() throws IOException {
        return ContractCopy.ofReleased("products");
    }

    /** The released version: the tests edit that copy, whatever release it is. */
    private static final ContractVersion RELEASED = releasedVersion();

    private static ContractVersion releasedVersion() {
        try {
            return ContractVersion.parse(products().at("info").path("version").asText());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theReleasedCopyComparedWithItselfHasNoChanges() throws IOException {
        var verdict = compare(products());

        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.breaking()).isEmpty();
        assertThat(verdict.changelog()).contains("No differences.");
    }

    @Test
    void anOptionalRequestFieldMadeRequiredFailsNamingTheOperationAndTheField() throws IOException {
        var copy = products();
        copy.required("ProductCreate").add("description");

        var verdict = compare(copy);

        assertThat(verdict.failure())
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("products.yaml breaks clients of the released " + RELEASED)
                        .contains("POST /products request body application/json: field now required: description")
                        .contains("bump the major version (to " + (RELEASED.major() + 1) + ".0.0)"));
    }

    @Test
    void aRequiredResponseFieldRemovedFailsNamingEveryOperationThatAnswersIt() throws IOException {
        var copy = products();
        copy.at("components", "schemas", "Product", "properties").remove("updated_at");
        ArrayNode required = copy.required("Product");
        required.remove(indexOf(required, "updated_at"));

        var verdict = compare(copy);

        assertThat(verdict.failure()).isPresent();
        assertThat(verdict.breaking())
                .containsExactlyInAnyOrder(
                        "GET /products/{product_id} response 200 application/json: required field removed: updated_at",
                        "PUT /products/{product_id} response 200 application/json: required field removed: updated_at",
                        "POST /products response 201 application/json: required field removed: updated_at",
                        "GET /products response 200 application/json field items[]: required field removed: updated_at");
    }

    @Test
    void aSchemaSharedByManyResponsesIsNamedAtEachOfThem() throws IOException {
        var copy = products();
        copy.at("components", "schemas", "Problem", "properties").remove("code");
        ArrayNode required = copy.required("Problem");
        required.remove(indexOf(required, "code"));

        assertThat(compare(copy).breaking())
                .contains(
                        "GET /products response 400 application/problem+json: required field removed: code",
                        "GET /products response 401 application/problem+json: required field removed: code",
                        "POST /products response 409 application/problem+json: required field removed: code");
    }

    @Test
    void aRemovedOperationFails() throws IOException {
        var copy = products();
        copy.at("paths", "/products/{product_id}").remove("delete");

        assertThat(compare(copy).failure())
                .hasValueSatisfying(
                        message -> assertThat(message).contains("DELETE /products/{product_id}: operation removed"));
    }

    @Test
    void anInternalOperationMayChangeItsSecurityButAPublicOneMayNot() throws IOException {
        // reserveStock's released security requirement replaced by another (bearerAuth): removed.
        var internal = products();
        ObjectNode reserve = (ObjectNode) internal.at("paths", "/products/stock-reservations/{reservation_id}")
                .get("put");
        reserve.put(BreakingChanges.INTERNAL, true);
        reserve.putArray("security").addObject().putArray("bearerAuth");
        var asPublic = products();
        ObjectNode publicReserve = (ObjectNode) asPublic.at("paths", "/products/stock-reservations/{reservation_id}")
                .get("put");
        publicReserve.remove(BreakingChanges.INTERNAL);
        publicReserve.putArray("security").addObject().putArray("bearerAuth");

        assertThat(compare(internal).failure())
                .as("an internal operation's security")
                .isEmpty();
        assertThat(compare(asPublic).failure())
                .as("a public operation's security")
                .hasValueSatisfying(
                        message -> assertThat(message)
                                .contains(
                                        "PUT /products/stock-reservations/{reservation_id} security: security requirement removed"));
    }

    @Test
    void aNewOptionalFieldPassesAndIsInTheChangelog() throws IOException {
        var copy = products();
        copy.at("components", "schemas", "Product", "properties")
                .putObject("colour")
                .put("type", "string");

        var verdict = compare(copy);

        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.breaking()).isEmpty();
        assertThat(verdict.changelog()).contains("## Breaking changes\n\nNone.").contains("colour");
    }

    // The gateway's own answers (API Gateway's {"message": ...}) added to existing operations.
    @Test
    void aNewResponseStatusOnAnExistingOperationPassesAndIsInTheChangelog() throws IOException {
        var copy = products();
        gatewayError(copy.at("paths", "/products", "get", "responses").putObject("504"));

        var verdict = compare(copy);

        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.breaking()).isEmpty();
        assertThat(verdict.changelog()).contains("`GET` /products").contains("New response : **504");
    }

    @Test
    void aNewMediaTypeOnAnExistingErrorResponsePassesAndIsInTheChangelog() throws IOException {
        var copy = products();
        gatewayError(copy.at("components", "responses", "Conflict"));
        assertThat(copy.at("components", "responses", "Conflict", "content").properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("application/problem+json", "application/json");

        var verdict = compare(copy);

        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.breaking()).isEmpty();
        assertThat(verdict.changelog()).contains("409").contains("application/json");
    }

    // Another way to declare the gateway's answers: one media type whose schema is either body.
    @Test
    void anErrorSchemaTurnedIntoAOneOfFailsBecauseClientsCannotReadTheNewShape() throws IOException {
        var copy = products();
        ObjectNode schema = copy.at("components", "responses", "Conflict", "content", "application/problem+json")
                .putObject("schema");
        schema.putArray("oneOf").addObject().put("$ref", "#/components/schemas/Problem");

        assertThat(compare(copy).breaking())
                .contains("POST /products response 409 application/problem+json: type changed from object to oneOf");
    }

    @Test
    void aBreakingChangeWithTheMajorBumpedPassesAndStillListsTheChange() throws IOException {
        var copy = products().version((RELEASED.major() + 1) + ".0.0");
        copy.required("ProductCreate").add("description");

        var verdict = compare(copy);

        assertThat(verdict.failure()).isEmpty();
        assertThat(verdict.majorBumped()).isTrue();
        assertThat(verdict.changelog())
                .contains("POST /products request body application/json: field now required: description");
    }

    @Test
    void aBreakingChangeWithOnlyTheMinorBumpedFails() throws IOException {
        ContractVersion minor = new ContractVersion(RELEASED.major(), RELEASED.minor() + 1, 0);
        var copy = products().version(minor.toString());
        copy.required("ProductCreate").add("description");

        assertThat(compare(copy).failure())
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("info.version " + minor + " keeps the major version " + RELEASED.major()));
    }

    @Test
    void aVersionOlderThanTheReleasedOneFails() throws IOException {
        assertThat(compare(products().version("0.9.0")).failure())
                .hasValueSatisfying(message ->
                        assertThat(message).contains("info.version 0.9.0 is older than the released " + RELEASED));
    }

    @Test
    void aVersionThatIsNotSemanticVersioningIsRefusedClearly() throws IOException {
        assertThatThrownBy(() -> compare(products().version("v2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("products.yaml: info.version: a contract version is MAJOR.MINOR.PATCH")
                .hasMessageContaining("'v2'");
    }

    @Test
    void aMissingFileIsRefusedClearly() {
        assertThatThrownBy(() -> CompatibilityGate.compare(
                        "products.yaml", dir.resolve("nope.yaml"), ContractCopy.released("products")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file");
    }

    private static void gatewayError(ObjectNode response) {
        response.put("description", response.path("description").asText("The gateway's own answer."));
        ObjectNode content =
                response.has("content") ? (ObjectNode) response.get("content") : response.putObject("content");
        ObjectNode schema = content.putObject("application/json").putObject("schema");
        schema.put("type", "object").putArray("required").add("message");
        schema.putObject("properties").putObject("message").put("type", "string");
    }

    private static int indexOf(ArrayNode array, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asText().equals(value)) {
                return i;
            }
        }
        throw new IllegalArgumentException(value + " not in " + array);
    }
}
