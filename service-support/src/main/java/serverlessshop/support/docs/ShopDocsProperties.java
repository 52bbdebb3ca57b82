package serverlessshop.support.docs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API documentation a service serves.
 *
 * @param contract the file name of the service's contract under {@code /openapi/} on the class
 *                 path (e.g. {@code products.yaml}); Swagger UI at {@code /docs} shows it. Without
 *                 it, a service serves no documentation.
 */
@ConfigurationProperties("shop.docs")
public record ShopDocsProperties(String contract) {}
