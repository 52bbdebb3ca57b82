package serverlessshop.localcloud.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.contract.ContractCheck.Exchange;
import serverlessshop.localcloud.contract.ContractCheck.Verdict;

class ContractCheckTest {

    private static final ContractCheck CONTRACTS =
            ContractCheck.load(Repository.root().resolve("api-spec"));
    private static final String ID = "8f14e45f-ceea-467f-a8f5-0a3f8a6b1c2d";
    private static final Map<String, List<String>> PROBLEM =
            Map.of("Content-Type", List.of("application/problem+json"));

    @Test
    void readsBothContracts() {
        assertThat(CONTRACTS.contractNames()).containsExactly("orders.yaml", "products.yaml");
    }

    @Test
    void aDeclaredProblemConforms() {
        Verdict verdict = CONTRACTS.check(get(
                "/products/" + ID,
                "",
                404,
                PROBLEM,
                "{\"type\":\"urn:problem:not-found\",\"title\":\"Not Found\",\"status\":404,\"code\":\"NOT_FOUND\"}"));

        assertThat(verdict.contract()).isEqualTo("products.yaml");
        assertThat(verdict.operationId()).isEqualTo("getProduct");
        assertThat(verdict.requestProblems()).isEmpty();
        assertThat(verdict.answerProblems()).isEmpty();
    }

    @Test
    void anAnswerWhoseBodyBreaksItsSchemaIsNamed() {
        Verdict verdict = CONTRACTS.check(get("/products/" + ID, "", 404, PROBLEM, "{\"title\":\"Not Found\"}"));

        assertThat(verdict.answerConforms()).isFalse();
        assertThat(String.join("\n", verdict.answerProblems())).contains("required");
    }

    @Test
    void anUndeclaredStatusIsNamed() {
        Verdict verdict = CONTRACTS.check(get("/products/" + ID, "", 418, PROBLEM, "{}"));

        assertThat(String.join("\n", verdict.answerProblems())).contains("418");
    }

    @Test
    void aRequestThatBreaksItsOperationIsNamedApartFromTheAnswer() {
        Verdict verdict = CONTRACTS.check(
                get(
                        "/products",
                        "limit=100000",
                        400,
                        PROBLEM,
                        "{\"type\":\"urn:problem:validation\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"VALIDATION_FAILED\"}"));

        assertThat(verdict.operationId()).isEqualTo("listProducts");
        assertThat(String.join("\n", verdict.requestProblems())).contains("limit");
        assertThat(verdict.answerProblems()).isEmpty();
    }

    @Test
    void aRequestBodyTheValidatorCannotReadIsARequestProblemAndTheAnswerIsStillJudged() {
        Verdict verdict = CONTRACTS.check(new Exchange(
                "POST",
                "/products",
                "",
                Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer x")),
                "{\"sku\":\"A\",\"name\":\"B\",\"price\":1e999,\"stock_quantity\":1}".getBytes(StandardCharsets.UTF_8),
                400,
                PROBLEM,
                "{\"type\":\"urn:problem:validation\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"VALIDATION_FAILED\"}"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(verdict.operationId()).isEqualTo("createProduct");
        assertThat(String.join("\n", verdict.requestProblems())).contains("validation.request.unreadable");
        assertThat(verdict.answerProblems()).isEmpty();
    }

    @Test
    void aPathNoContractHoldsHasNoContract() {
        Verdict verdict = CONTRACTS.check(get("/nowhere", "", 404, Map.of(), ""));

        assertThat(verdict.contract()).isNull();
        assertThat(verdict.requestConforms()).isFalse();
    }

    private static Exchange get(String path, String query, int status, Map<String, List<String>> headers, String body) {
        return new Exchange(
                "GET", path, query, Map.of(), new byte[0], status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
