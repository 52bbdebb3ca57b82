package serverlessshop.orders.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import serverlessshop.orders.store.OrderTableSchema;
import serverlessshop.orders.store.OrdersTableDefinition;
import serverlessshop.orders.store.StoredOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client, the enhanced client and the orders table, each built once per Lambda
 * instance. Nothing is discovered at cold start: the JDK's HTTP client (the only one on the class
 * path), the region from {@code AWS_REGION}, the function role's credentials from the environment
 * Lambda sets. For DynamoDB Local, its endpoint and fixed credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersTableProperties.class)
class DynamoDbConfig {

    /** Short enough that a DynamoDB outage answers 503 well within API Gateway's 30 s. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param interceptors SDK interceptors the context declares (tracing in AWS; the tests' recorders
     *                     and fault injectors), added to the one client
     */
    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(OrdersTableProperties properties, ObjectProvider<ExecutionInterceptor> interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(configuration -> {
                    configuration.apiCallTimeout(CALL_TIMEOUT);
                    interceptors.orderedStream().forEach(configuration::addExecutionInterceptor);
                });
        if (properties.isLocal()) {
            return builder.endpointOverride(URI.create(properties.endpoint()))
                    .region(Region.of(blankTo(properties.region(), "us-east-1")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
        }
        if (properties.region() == null || properties.region().isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: which region is the orders table in? "
                    + "(For DynamoDB Local, set ORDERS_DYNAMODB_ENDPOINT.)");
        }
        return builder.region(Region.of(properties.region()))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
    }

    /** Without the default extensions: versions are checked by explicit conditions (see OrderRepository). */
    @Bean
    DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder()
                .dynamoDbClient(client)
                .extensions()
                .build();
    }

    @Bean
    DynamoDbTable<StoredOrder> ordersTable(DynamoDbEnhancedClient enhanced, OrdersTableProperties properties) {
        return enhanced.table(properties.table(), OrderTableSchema.SCHEMA);
    }

    /** Local runs against DynamoDB Local: the table from its definition file, if it is not there yet. */
    @Bean
    ApplicationRunner ordersTableCreator(DynamoDbClient client, OrdersTableProperties properties) {
        return arguments -> {
            if (properties.createTable()) {
                OrdersTableDefinition.createIfMissing(client, properties.table());
            }
        };
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
