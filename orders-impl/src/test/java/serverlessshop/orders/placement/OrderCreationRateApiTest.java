package serverlessshop.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.orders.testing.TestOrders.line;
import static serverlessshop.orders.testing.TestOrders.orderJson;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.store.IdempotencyKeys;
import serverlessshop.orders.store.OrderCreationCounters;
import serverlessshop.orders.store.OrderTableSchema;
import serverlessshop.orders.testing.DynamoDbLocal;
import serverlessshop.orders.testing.OrdersApi;
import serverlessshop.orders.testing.ProductsService;
import serverlessshop.orders.testing.TestOrders;
import serverlessshop.orders.testing.WholeOrdersService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The per-customer rate of order creation (OWASP API4), counted in DynamoDB: a low limit and a
 * window of a day, so that no window ends during the test.
 */
@WholeOrdersService
@TestPropertySource(properties = {"shop.orders.create-rate.limit=3", "shop.orders.create-rate.window=1d"})
class OrderCreationRateApiTest {

    private static final int LIMIT = 3;

    @Autowired
    MockMvc mvc;

    @Autowired
    IdempotencyKeys keys;

    OrdersApi api;
    String customer;
    UUID lamp;

    @BeforeEach
    void setUp() {
        api = new OrdersApi(mvc);
        customer = TestOrders.newCustomer();
        lamp = ProductsService.createProduct("Desk lamp", "39.90", 20);
    }

    @Test
    void theOrderOverTheLimitIs429WithRetryAfterAndReservesNothing() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                    .andExpect(status().isCreated());
        }
        String key = UUID.randomUUID().toString();
        var refused = api.place(customer, key, orderJson(line(lamp, 1)))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 3 orders")))
                .andReturn();
        long retryAfter = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, Duration.ofDays(1).toSeconds());
        assertThat(ProductsService.stockOf(lamp))
                .as("the refused order reserved nothing")
                .isEqualTo(20 - LIMIT);
        assertThat(keys.find(customer, key, Instant.now()))
                .as("the refused order left no claim behind")
                .isEmpty();
    }

    @Test
    void replaysOfPlacedOrdersDoNotCount() throws Exception {
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < LIMIT; i++) {
            api.place(customer, i == 0 ? key : UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                    .andExpect(status().isCreated());
        }
        for (int i = 0; i < LIMIT + 2; i++) {
            api.place(customer, key, orderJson(line(lamp, 1)))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Idempotent-Replayed", "true"));
        }
        api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void eachCustomerHasTheirOwnAllowance() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                    .andExpect(status().isCreated());
        }
        api.place(TestOrders.newCustomer(), UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                .andExpect(status().isCreated());
    }

    /** Another Lambda instance: its own DynamoDB client and counter, the same table. */
    @Test
    void theLimitHoldsAcrossInstances() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            api.place(customer, UUID.randomUUID().toString(), orderJson(line(lamp, 1)))
                    .andExpect(status().isCreated());
        }
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(DynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            var table = DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(client)
                    .build()
                    .table(DynamoDbLocal.TABLE, OrderTableSchema.SCHEMA);
            OrderCreationRate otherInstance = new OrderCreationRate(
                    new OrderCreationCounters(table, client), Clock.systemUTC(), LIMIT, Duration.ofDays(1));
            assertThatThrownBy(() -> otherInstance.admit(customer)).isInstanceOf(TooManyOrders.class);
            otherInstance.admit(TestOrders.newCustomer());
        }
    }
}
