package serverlessshop.orders.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the orders service reaches the products API's stock reservations: by invoking the products
 * function directly with its own IAM identity.
 *
 * @param functionName          the products function, its name or (alias) ARN ({@code PRODUCTS_FUNCTION_NAME})
 * @param region                the region the function is in ({@code AWS_REGION}, which Lambda sets)
 * @param lambdaEndpoint        the Lambda API's endpoint, when not AWS's ({@code AWS_ENDPOINT_URL_LAMBDA}: the local cloud)
 * @param connectTimeout        connecting to the Lambda API
 * @param readTimeout           waiting for the function's answer
 * @param reservationTtlSeconds how long an unconfirmed reservation holds its stock
 * @param warmUp                a dry-run invocation at start (the API and the pending-releases job, which call
 *                              products; the event functions never do, and may not invoke it). Not in
 *                              application.properties: the event functions' start sets it as a default.
 */
@ConfigurationProperties("shop.products")
record ProductsClientProperties(
        String functionName,
        String region,
        String lambdaEndpoint,
        Duration connectTimeout,
        Duration readTimeout,
        int reservationTtlSeconds,
        @DefaultValue("true") boolean warmUp) {}
