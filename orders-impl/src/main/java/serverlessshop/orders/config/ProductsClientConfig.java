package serverlessshop.orders.config;

import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import serverlessshop.orders.stock.DirectInvokeHttpClient;
import serverlessshop.orders.stock.StockReservationsClient;
import serverlessshop.products.client.ApiClient;
import serverlessshop.products.client.api.StockReservationsApi;
import serverlessshop.support.logging.CorrelationIds;
import serverlessshop.support.logging.TraceHeader;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * The generated client of the products API, built once, over a direct invocation of the products
 * function: each request becomes the payload-2.0 event API Gateway would have built, sent with
 * Lambda's {@code Invoke}, signed with this function's own role (no token, no secret), and the
 * function's answer becomes the response the client reads. Short timeouts and no SDK retries: an
 * order waits for products, so products being slow must become a quick 503, not a hung Lambda, and
 * the saga retries whole steps itself. The request's correlation id and X-Ray trace header go with
 * every call.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductsClientProperties.class)
class ProductsClientConfig {

    /** How products sees this service in a direct invocation's client context. */
    static final String CALLER = "orders";

    /**
     * The base URI of the requests the client builds: only their path and query reach products (the
     * transport is an invocation, not a connection), so the host names the function, for messages.
     */
    private static final String BASE_URI = "http://products";

    /**
     * The function's credentials from the environment Lambda sets (the role's); system properties
     * too, for tests that run the service inside their own JVM.
     */
    @Bean(destroyMethod = "close")
    LambdaClient productsLambdaClient(ProductsClientProperties properties) {
        LambdaClientBuilder builder = LambdaClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(AwsClients.functionCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(properties.connectTimeout())
                        .socketTimeout(properties.readTimeout()))
                .overrideConfiguration(configuration -> configuration
                        .apiCallTimeout(properties.readTimeout())
                        .retryStrategy(strategy -> strategy.maxAttempts(1)));
        if (properties.lambdaEndpoint() != null && !properties.lambdaEndpoint().isBlank()) {
            builder.endpointOverride(URI.create(properties.lambdaEndpoint()));
        }
        return builder.build();
    }

    /**
     * A bean of its own, so that what is added around the calls from outside (make bench's timing) is
     * in place before {@link #stockReservationsClient} builds the API object from it.
     */
    @Bean
    ApiClient productsApiClient(ProductsClientProperties properties, LambdaClient lambda) {
        DirectInvokeHttpClient transport = new DirectInvokeHttpClient(lambda, properties.functionName(), CALLER);
        if (properties.warmUp()) {
            transport.warmUp();
        }
        ApiClient client =
                new ApiClient().setHttpClientBuilder(transport.asBuilder()).setReadTimeout(properties.readTimeout());
        client.updateBaseUri(BASE_URI);
        client.setRequestInterceptor(request -> {
            // One id follows an order through both functions' logs.
            String correlationId = CorrelationIds.current();
            if (correlationId != null) {
                request.setHeader(CorrelationIds.HEADER, correlationId);
            }
            // The invocation's trace goes on with the call (sampled or not: the callee keeps the decision).
            TraceHeader.ofInvocation().ifPresent(trace -> request.setHeader(TraceHeader.HEADER, trace.value()));
        });
        return client;
    }

    @Bean
    StockReservationsClient stockReservationsClient(ProductsClientProperties properties, ApiClient client) {
        // The API object builds its HTTP client from the ApiClient once, here.
        return new StockReservationsClient(
                new StockReservationsApi(client), client.getObjectMapper(), properties.reservationTtlSeconds());
    }
}
