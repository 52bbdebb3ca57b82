package serverlessshop.orders.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the orders service reaches the products API's stock reservations, as a machine client.
 *
 * @param baseUrl               the products API ({@code PRODUCTS_API_URL}): the API Gateway stage in AWS
 * @param tokenUrl              the issuer's token endpoint ({@code PRODUCTS_TOKEN_URL})
 * @param clientId              the machine client ({@code PRODUCTS_CLIENT_ID})
 * @param clientSecret          its secret ({@code PRODUCTS_CLIENT_SECRET}), when there is no {@code clientSecretArn}
 * @param clientSecretArn       the Secrets Manager secret that holds it ({@code PRODUCTS_CLIENT_SECRET_ARN}, in AWS);
 *                              it wins over {@code clientSecret}
 * @param scope                 the scope it asks for ({@code PRODUCTS_SCOPE}, {@code products/stock})
 * @param connectTimeout        connecting to products or the token endpoint
 * @param readTimeout           waiting for an answer
 * @param reservationTtlSeconds how long an unconfirmed reservation holds its stock
 */
@ConfigurationProperties("shop.products")
record ProductsClientProperties(
        String baseUrl,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String clientSecretArn,
        String scope,
        Duration connectTimeout,
        Duration readTimeout,
        int reservationTtlSeconds) {}
