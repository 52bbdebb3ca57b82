package serverlessshop.support.datastore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A service's datastore as its clients see it.
 *
 * @param name what a 503 names when Spring's data-access exceptions say the datastore is away
 *             ("The catalog is unavailable for a moment.")
 */
@ConfigurationProperties("shop.datastore")
public record ShopDatastoreProperties(
        @DefaultValue("database") String name) {}
