package serverlessshop.localcloud.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;
import serverlessshop.localcloud.RunningLocalCloud;
import serverlessshop.localcloud.verify.CheckRun.Outcome;
import serverlessshop.localcloud.verify.CheckRun.Result;

/**
 * make verify's checks against a real running stack (started as make run starts it), and against
 * stand-in deployments made from it: one where a function answers a status its contract does not
 * declare, one without the local issuer (as an AWS stage), where tokens come from TOKEN_CMD.
 */
class VerifyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPEC = Repository.root().resolve("api-spec");
    private static final String UUID_PATTERN = "[0-9a-f-]{36}";

    private static RunningLocalCloud stack;
    private static String admin;

    @BeforeAll
    static void startStack() throws Exception {
        stack = RunningLocalCloud.start();
        admin = stack.adminIssuer().signIn("catalog-admin");
        // More than one page of 2, so that the cursor is followed.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = stack.send("POST", "/admin/products", admin, """
                    {"sku": "VERIFY-TEST-%d", "name": "Verify test product %d", "price": 9.99, "stock_quantity": 10}""".formatted(i, i));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aRunningStackPassesEveryCheckAndTheWriteChecksLeaveNothingBehind() throws Exception {
        Run run = verify(stack.base(), Map.of(), "--write");

        assertThat(run.output()).contains("Verifying " + stack.base() + " against orders.yaml, products.yaml");
        assertThat(passed(run.report()))
                .contains(
                        "a customer token",
                        "an administrator token",
                        "list products (one page of 2)",
                        "follow next_cursor to the second page",
                        "get one product, with its ETag",
                        "an unknown product is a 404 problem",
                        "the correlation id comes back",
                        "a bad query parameter is a 400 problem naming it",
                        "a malformed product id is a 400 problem naming it",
                        "a customer lists their own orders",
                        "another customer's orders are a 403 problem",
                        "an order the customer cannot see is a 404 problem",
                        "an administrator lists inactive products",
                        "the shoppers' API refuses an administrator's token: 401",
                        "an administrator creates a product with stock",
                        "a customer may not change the catalog: 403",
                        "a customer places an order with an Idempotency-Key",
                        "the replay with the same key answers the same order",
                        "the order took its stock",
                        "the customer cancels the order",
                        "cancelling returned the stock",
                        "the administrator deletes the product");
        assertThat(run.report().skipped()).as(run.output()).isZero();
        assertThat(run.report().failed()).as(run.output()).isZero();
        assertThat(run.output())
                .contains(run.report().closingLine())
                .containsPattern("(?m)^\\d+ passed, 0 failed, 0 skipped$");

        // An administrator's list holds inactive products too.
        JsonNode catalog = JSON.readTree(
                stack.send("GET", "/admin/products?limit=100", admin, null).body());
        assertThat(catalog.path("items").findValuesAsText("sku"))
                .as("the product the write checks made is gone again")
                .containsExactlyInAnyOrder("VERIFY-TEST-0", "VERIFY-TEST-1", "VERIFY-TEST-2");
    }

    @Test
    void readOnlyItChangesNothingAndSaysWhatItLeftOut() throws Exception {
        String before =
                stack.send("GET", "/admin/products?limit=100", admin, null).body();

        Run run = verify(stack.base(), Map.of());

        assertThat(run.output())
                .contains("(read-only)")
                .containsPattern("(?m)^  skip  a purchase on data of its own: read-only run \\(WRITE=1 runs it\\)$");
        assertThat(passed(run.report())).contains("list products (one page of 2)", "a customer lists their own orders");
        assertThat(stack.send("GET", "/admin/products?limit=100", admin, null).body())
                .isEqualTo(before);
    }

    @Test
    void aFunctionAnsweringAnUndeclaredStatusFailsTheRunNamingTheCheck() throws Exception {
        try (StandInDeployment teapot = StandInDeployment.teapotOn(stack.base(), "GET", "/products/" + UUID_PATTERN)) {
            // As make verify runs it: its own JVM, the gateway's class path, the repository as working directory.
            Path gateway = Repository.root().resolve("local-cloud/gateway/target");
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            gateway.resolve("classes") + ":" + gateway.resolve("lib") + "/*",
                            Verify.class.getName(),
                            "--url",
                            teapot.url())
                    .directory(Repository.root().toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output)
                    .containsPattern("(?m)^  pass  list products \\(one page of 2\\)")
                    .containsPattern("(?m)^  FAIL  get one product, with its ETag: expected 200, got 418$")
                    .contains("-> 418 application/problem+json breaks products.yaml getProduct:")
                    .contains("Response status 418 not defined for path '/products/{product_id}'")
                    .containsPattern("(?m)^\\d+ passed, [1-9]\\d* failed, \\d+ skipped$");
        }
    }

    @Test
    void whenAWriteCheckFailsWhatItMadeIsStillRemoved() throws Exception {
        // Reading the order fails, so the checks cannot cancel it: the clean-up must.
        try (StandInDeployment teapot = StandInDeployment.teapotOn(stack.base(), "GET", "/orders/" + UUID_PATTERN)) {
            Run run = verify(teapot.url(), Map.of(), "--write");

            assertThat(run.output())
                    .containsPattern("(?m)^  FAIL  the customer cancels the order: expected 200, got 418$")
                    .containsPattern("(?m)^  pass  clean up: cancel order " + UUID_PATTERN + ": PUT /orders/");
            assertThat(passed(run.report()))
                    .contains(
                            "a customer places an order with an Idempotency-Key",
                            "the administrator deletes the product");
        }
        String customer = stack.issuer().signIn("verify-customer");
        JsonNode orders = JSON.readTree(stack.send("GET", "/customers/verify-customer/orders?limit=100", customer, null)
                .body());
        assertThat(orders.path("items").findValuesAsText("order_status"))
                .isNotEmpty()
                .containsOnly("CANCELLED");
        JsonNode catalog = JSON.readTree(
                stack.send("GET", "/admin/products?limit=100", admin, null).body());
        assertThat(catalog.path("items").findValuesAsText("sku")).allMatch(sku -> sku.startsWith("VERIFY-TEST-"));
    }

    @Test
    void withoutALocalIssuerTokensComeFromTheCommandsAndWhatHasNoneIsSkippedSayingWhy() throws Exception {
        String customer = stack.issuer().signIn("commanded-customer");
        try (StandInDeployment stage = StandInDeployment.withoutIssuer(stack.base())) {
            Run run = verify(stage.url(), Map.of("TOKEN_CMD", "printf %s " + customer));

            assertThat(run.output())
                    .contains("tokens: customer from TOKEN_CMD; administrator from none (ADMIN_TOKEN_CMD is not set)")
                    .contains("pass  a customer token: subject commanded-customer, from TOKEN_CMD")
                    .contains(
                            "skip  an administrator token: ADMIN_TOKEN_CMD is not set, and the deployment has no local issuer")
                    .contains(
                            "skip  an administrator lists inactive products: no administrator token: ADMIN_TOKEN_CMD is not set")
                    .doesNotContain(customer);
            assertThat(passed(run.report())).contains("a customer lists their own orders");
        }
    }

    @Test
    void aTokenCommandThatFailsIsAFailureNotASkip() throws Exception {
        Run run = verify(
                stack.base(),
                Map.of("TOKEN_CMD", "echo 'no session' >&2; exit 3", "ADMIN_TOKEN_CMD", "echo not-a-jwt"));

        assertThat(run.output())
                .contains("FAIL  a customer token: TOKEN_CMD failed (exit 3): no session")
                .contains("FAIL  an administrator token: ADMIN_TOKEN_CMD printed something that is not a JWT")
                .contains("skip  a customer lists their own orders: no customer token: getting it failed (above)");
        assertThat(run.report().failed()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBadUrlOrNoContractsIsAClearErrorBeforeAnythingIsSent() {
        assertThatThrownBy(() -> Verify.Options.parse(new String[] {"--url", "localhost:8080"}, Map.of()))
                .hasMessageContaining("URL must be the deployment's http(s) address");
        assertThatThrownBy(() -> Verify.Options.parse(new String[] {"--url", "http://x/?a=b"}, Map.of()))
                .hasMessageContaining("URL must be");
        assertThatThrownBy(() -> Verify.Options.parse(new String[] {"--spec-dir", "/nowhere"}, Map.of()))
                .hasMessageContaining("no contracts at /nowhere");
        assertThatThrownBy(() -> Verify.Options.parse(new String[] {"--wrte"}, Map.of()))
                .hasMessageContaining("unknown argument --wrte");
        assertThat(Verify.Options.parse(new String[] {"--spec-dir", SPEC.toString()}, Map.of("SHOP_PORT", "9090"))
                        .url())
                .hasToString("http://localhost:9090");
    }

    /**
     * The answers the contracts do not declare yet, tolerated only while they do not: the gateway's own
     * {"message":...} answers (until a GatewayError is declared) and the products function's 304 to
     * If-None-Match (until getProduct declares it). Once declared, any such failure fails this test.
     */
    private static List<String> passed(Verify.Report report) {
        return report.results().stream()
                .filter(r -> r.outcome() == Outcome.PASS)
                .map(Result::name)
                .toList();
    }

    private record Run(Verify.Report report, String output) {}

    private static Run verify(String url, Map<String, String> environment, String... more) {
        String[] args = Stream.concat(Stream.of("--url", url, "--spec-dir", SPEC.toString()), Stream.of(more))
                .toArray(String[]::new);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Verify.Report report = Verify.run(
                Verify.Options.parse(args, environment), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(report, output);
    }
}
