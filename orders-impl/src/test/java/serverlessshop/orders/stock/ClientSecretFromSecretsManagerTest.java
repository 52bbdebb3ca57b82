package serverlessshop.orders.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import serverlessshop.orders.OrdersApplication;
import serverlessshop.orders.testing.ClientCheckingTokenEndpoint;
import serverlessshop.orders.testing.OrdersTestEnvironment;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.logs.SensitiveLogScanner;
import serverlessshop.support.testing.secrets.SecretsManagerStandIn;

/**
 * The orders service configured as Terraform configures it in AWS: {@code PRODUCTS_CLIENT_SECRET_ARN}
 * names the machine client's secret. All real but Secrets Manager and Cognito's client check: the
 * application on its own web server, the AWS SDK's Secrets Manager client (pointed by the SDK's own
 * settings at a stand-in that speaks GetSecretValue's protocol), the test issuer's token endpoint
 * behind a check of the client secret as Cognito makes it, DynamoDB Local and the products service.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientSecretFromSecretsManagerTest {

    private static final String ARN = SecretsManagerStandIn.arn("serverless-shop-test-orders-client-secret");
    private static final String FIRST = "first-" + UUID.randomUUID();
    private static final String SECOND = "second-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static UUID lamp;

    private final SecretsManagerStandIn secretsManager = new SecretsManagerStandIn();
    private final ClientCheckingTokenEndpoint cognito = new ClientCheckingTokenEndpoint(FIRST);
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void startDependencies() {
        OrdersTestEnvironment.start();
        OrdersTestEnvironment.awaitReady();
        lamp = ProductsService.createProduct("Reading lamp", "24.90", 100);
    }

    @BeforeEach
    void pointTheSdkAtTheStandIn() {
        secretsManager.put(ARN, FIRST);
        running.add(secretsManager);
        running.add(cognito);
        running.add(secretsManager.applySdkSettings());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable each : running.reversed()) {
            each.close();
        }
    }

    @Test
    void theSecretIsReadOnceAtStartAndTheTokenIsAskedForWithItNotWithTheConfiguredOne(CapturedOutput output)
            throws Exception {
        ConfigurableApplicationContext orders = start();
        long readsAtStart = secretsManager.reads(ARN);

        int first = place(orders);
        int second = place(orders);

        assertThat(readsAtStart)
                .as("read while the application started, before any request")
                .isEqualTo(1);
        assertThat(secretsManager.reads())
                .as("signed with the credentials the SDK was given")
                .containsExactly(new SecretsManagerStandIn.Read(ARN, SecretsManagerStandIn.ACCESS_KEY_ID));
        assertThat(first).isEqualTo(201);
        assertThat(second).isEqualTo(201);
        assertThat(cognito.secretsShown())
                .as("one token for both orders, asked for with the secret read, " + "not PRODUCTS_CLIENT_SECRET's")
                .containsExactly(FIRST);
        SensitiveLogScanner.standard().withSecrets(FIRST, SECOND).assertClean(output.getAll());
    }

    @Test
    void aWarmInstanceReadsTheRotatedSecretWhenTheOldOneIsRefusedAndLogsNeither(CapturedOutput output)
            throws Exception {
        ConfigurableApplicationContext orders = start();
        int before = place(orders);
        secretsManager.put(ARN, SECOND);
        cognito.rotate(SECOND);
        orders.getBean(MovableClock.class).advance(Duration.ofHours(1)); // the token expired: a new one is needed

        int after = place(orders);

        assertThat(before).isEqualTo(201);
        assertThat(after).as("the order after the rotation").isEqualTo(201);
        assertThat(cognito.secretsShown())
                .as("the old secret refused once, then the new one")
                .containsExactly(FIRST, FIRST, SECOND);
        assertThat(secretsManager.reads(ARN))
                .as("at start, and after invalid_client")
                .isEqualTo(2);
        SensitiveLogScanner.standard().withSecrets(FIRST, SECOND).assertClean(output.getAll());
    }

    /** The application on a free port, as configured in AWS; its clock moves when the test says so. */
    private ConfigurableApplicationContext start() {
        Map<String, String> properties = new HashMap<>(OrdersTestEnvironment.properties());
        // Set too, as a local run would have it: the secret's ARN wins.
        properties.put("shop.products.client-secret", "orders-test-secret");
        properties.put("shop.products.client-secret-arn", ARN);
        properties.put("shop.products.token-url", cognito.tokenUrl());
        // Products' first reservations on a busy machine; timeouts are other tests' business.
        properties.put("shop.products.read-timeout", "10s");
        properties.put("server.port", "0");
        ConfigurableApplicationContext orders = new SpringApplicationBuilder(
                        OrdersApplication.class, MovableClock.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        running.add(orders);
        return orders;
    }

    /** POST /orders of one lamp as a new customer: the status. */
    private static int place(ConfigurableApplicationContext orders) throws Exception {
        String port = orders.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Authorization", "Bearer " + TestIssuer.customer(TestOrders.newCustomer()))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestOrders.orderJson(TestOrders.line(lamp, 1))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /** The service's one clock, moved forward by the test (token lifetimes). */
    @Configuration(proxyBeanMethods = false)
    static class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        @Bean
        @Primary
        Clock movableClock() {
            return this;
        }

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
