package serverlessshop.localcloud.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.gateway.HttpReply;
import serverlessshop.localcloud.gateway.IncomingRequest;
import serverlessshop.localcloud.gateway.Route;
import serverlessshop.localcloud.gateway.RouteTable;
import serverlessshop.support.testing.ContractReportFile;

/** The gateway's contract-check mode on handcrafted exchanges: what it writes, and what it calls a violation. */
class ContractReportTest {

    private static final ContractCheck CONTRACTS =
            ContractCheck.load(Repository.root().resolve("api-spec"));
    private static final RouteTable ROUTES = new RouteTable(List.of(
            new Route(
                    "GET /products/{product_id}",
                    "GET",
                    "/products/{product_id}",
                    "getProduct",
                    "products",
                    Route.Authorization.NONE),
            new Route("GET /products", "GET", "/products", "listProducts", "products", Route.Authorization.NONE)));
    private static final String ID = "8f14e45f-ceea-467f-a8f5-0a3f8a6b1c2d";
    private static final String NOT_FOUND =
            "{\"type\":\"urn:problem:not-found\",\"title\":\"Not Found\",\"status\":404,\"code\":\"NOT_FOUND\"}";
    private static final String VALIDATION =
            "{\"type\":\"urn:problem:validation\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"VALIDATION_FAILED\"}";

    @TempDir
    Path folder;

    private ContractReportFile file;
    private ContractReport report;

    @BeforeEach
    void open() throws Exception {
        file = new ContractReportFile(folder.resolve("reports/suite.jsonl"));
        report = ContractReport.open(CONTRACTS, ROUTES, file.file());
    }

    @AfterEach
    void close() throws Exception {
        report.close();
    }

    @Test
    void aDeclaredAnswerIsOneLineWithNoViolation() {
        report.seen(get("/products/" + ID, ""), problem(404, NOT_FOUND));

        JsonNode line = only();
        assertThat(line.path("method").asText()).isEqualTo("GET");
        assertThat(line.path("path").asText()).isEqualTo("/products/" + ID);
        assertThat(line.path("status").asInt()).isEqualTo(404);
        assertThat(line.path("contract").asText()).isEqualTo("products.yaml");
        assertThat(line.path("operationId").asText()).isEqualTo("getProduct");
        assertThat(line.path("violations")).isEmpty();
        assertThat(file.violations()).isEmpty();
    }

    @Test
    void aFunctionAnsweringAnUndeclaredStatusIsAViolationThatFailsTheSuite() {
        report.seen(get("/products/" + ID, ""), problem(418, NOT_FOUND.replace("404", "418")));

        assertThat(file.violations())
                .singleElement()
                .asString()
                .startsWith("GET /products/" + ID + " -> 418 (products.yaml getProduct): answer: ")
                .contains("418");
        org.assertj.core.api.Assertions.assertThatThrownBy(file::assertNoViolations)
                .hasMessageContaining("1 contract violations")
                .hasMessageContaining("418");
    }

    @Test
    void anInvalidRequestRefusedWith4xxIsFine() {
        report.seen(get("/products", "limit=100000"), problem(400, VALIDATION));

        JsonNode line = only();
        assertThat(line.path("requestProblems")).isNotEmpty();
        assertThat(line.path("violations")).isEmpty();
    }

    @Test
    void anInvalidRequestTheApiAcceptedIsAViolation() {
        report.seen(get("/products", "limit=100000"), HttpReply.json(200, "{\"items\":[]}"));

        assertThat(file.violations())
                .anySatisfy(violation -> assertThat(violation)
                        .contains("the request breaks the contract, yet it was answered 200")
                        .contains("limit"));
    }

    @Test
    void aPathNoContractHoldsMustBeAnswered404() {
        report.seen(get("/products/" + ID + "/nothing-here", ""), HttpReply.json(404, "{\"message\":\"Not Found\"}"));
        report.seen(get("/products/" + ID + "/nothing-here", ""), HttpReply.json(200, "{}"));

        assertThat(file.exchanges()).hasSize(2);
        assertThat(file.violations())
                .singleElement()
                .asString()
                .contains("-> 200 (no contract no operation)")
                .contains("not 404 or 405");
    }

    @Test
    void theSiteTheIssuerTheDocsAndCorsPreflightsAreNotTheApis() {
        report.seen(get("/", ""), HttpReply.of(200, "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8)));
        report.seen(get("/oauth2/jwks", ""), HttpReply.json(200, "{\"keys\":[]}"));
        report.seen(get("/docs/", ""), HttpReply.of(200, "text/html", new byte[0]));
        report.seen(
                new IncomingRequest(
                        "OPTIONS",
                        "/products",
                        "",
                        Map.of(
                                "Origin",
                                List.of("http://localhost:5173"),
                                "Access-Control-Request-Method",
                                List.of("GET")),
                        null,
                        "127.0.0.1",
                        "HTTP/1.1"),
                new HttpReply(204, Map.of(), null));

        assertThat(file.exchanges()).isEmpty();
    }

    private JsonNode only() {
        List<JsonNode> exchanges = file.exchanges();
        assertThat(exchanges).hasSize(1);
        return exchanges.getFirst();
    }

    private static IncomingRequest get(String path, String query) {
        return new IncomingRequest("GET", path, query, Map.of(), null, "127.0.0.1", "HTTP/1.1");
    }

    private static HttpReply problem(int status, String body) {
        return HttpReply.of(status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
    }
}
