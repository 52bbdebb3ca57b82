package serverlessshop.orders.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import serverlessshop.orders.stock.ClientSecret;
import serverlessshop.orders.stock.MachineTokens;
import serverlessshop.orders.stock.StockReservationsClient;
import serverlessshop.products.client.ApiClient;
import serverlessshop.products.client.api.StockReservationsApi;
import serverlessshop.support.logging.CorrelationIds;
import serverlessshop.support.logging.TraceHeader;
import serverlessshop.support.secrets.SecretsManagerSecretSource;

/**
 * The generated client of the products API, built once: the JDK's HTTP client with short timeouts
 * (an order waits for products, so products being slow must become a quick 503, not a hung Lambda),
 * the machine token of the client-credentials grant, and the request's correlation id and X-Ray trace
 * header on every call. The machine client's secret is read from Secrets Manager here, while the
 * application starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductsClientProperties.class)
class ProductsClientConfig {

    /**
     * In AWS, read from Secrets Manager now: this runs while the application starts (Lambda's init
     * phase), so no request waits for it, and a secret that cannot be read stops the start with the
     * secret's ARN in the message. Locally, {@code PRODUCTS_CLIENT_SECRET}.
     */
    @Bean
    ClientSecret machineClientSecret(ProductsClientProperties properties) {
        String secretArn = properties.clientSecretArn();
        return secretArn == null || secretArn.isBlank()
                ? ClientSecret.fixed(properties.clientSecret())
                : ClientSecret.readFrom(new SecretsManagerSecretSource(), secretArn);
    }

    @Bean
    MachineTokens machineTokens(ProductsClientProperties properties, ClientSecret clientSecret, Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .build();
        URI tokenUrl = properties.tokenUrl() == null || properties.tokenUrl().isBlank()
                ? null
                : URI.create(properties.tokenUrl());
        return new MachineTokens(
                http,
                tokenUrl,
                properties.clientId(),
                clientSecret,
                properties.scope(),
                properties.readTimeout(),
                clock);
    }

    /**
     * A bean of its own, so that what is added around the calls from outside (make bench's timing) is
     * in place before {@link #stockReservationsClient} builds the API object from it.
     */
    @Bean
    ApiClient productsApiClient(ProductsClientProperties properties) {
        ApiClient client =
                new ApiClient().setConnectTimeout(properties.connectTimeout()).setReadTimeout(properties.readTimeout());
        client.updateBaseUri(properties.baseUrl());
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
    StockReservationsClient stockReservationsClient(
            ProductsClientProperties properties, ApiClient client, MachineTokens tokens) {
        // The API object builds its HTTP client from the ApiClient once, here.
        return new StockReservationsClient(
                new StockReservationsApi(client), tokens, client.getObjectMapper(), properties.reservationTtlSeconds());
    }
}
