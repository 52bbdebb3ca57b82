package serverlessshop.support.http;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key the pagination cursors are signed with. Every instance of a function must sign with the
 * same key, since Lambda sends a client's next request to whichever instance is free: a cursor made
 * by one must be accepted by another. Neither set: a key of this process alone (tests, one instance).
 *
 * @param key          the key itself, at least 32 characters ({@code SHOP_CURSORS_KEY}; the local cloud
 *                     gives every instance of a function the same one)
 * @param keySecretArn the Secrets Manager secret whose {@code SecretString} is the key
 *                     ({@code SHOP_CURSORS_KEY_SECRET_ARN}, in AWS); it wins over {@code key}
 */
@ConfigurationProperties("shop.cursors")
public record ShopCursorsProperties(String key, String keySecretArn) {}
