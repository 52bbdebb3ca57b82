package serverlessshop.orders.stock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import serverlessshop.support.secrets.SecretSource;

/**
 * The machine client's secret. In AWS it is a Secrets Manager secret ({@code PRODUCTS_CLIENT_SECRET_ARN},
 * its {@code SecretString} the secret itself), read once while the application starts (Lambda's init
 * phase, not a request) and kept; it is read again only when the token endpoint refuses it, which is
 * what a rotation looks like to a warm instance. Elsewhere (local runs, the local cloud, tests) it is
 * {@code PRODUCTS_CLIENT_SECRET}, fixed.
 */
public final class ClientSecret {

    private static final Logger log = LoggerFactory.getLogger(ClientSecret.class);

    private final String secretId;
    private final SecretSource source;
    private volatile String value;

    private ClientSecret(String secretId, SecretSource source, String value) {
        this.secretId = secretId;
        this.source = source;
        this.value = value;
    }

    /** A secret given in the configuration; never read again. */
    public static ClientSecret fixed(String value) {
        return new ClientSecret(null, null, value == null ? "" : value);
    }

    /**
     * The secret of {@code secretId}, read now.
     *
     * @throws IllegalStateException when the secret has no value; the source's own exception when it cannot be read
     */
    public static ClientSecret readFrom(SecretSource source, String secretId) {
        ClientSecret secret = new ClientSecret(secretId, source, read(source, secretId));
        log.info("The machine client's secret is read from {}", secretId);
        return secret;
    }

    String value() {
        return value;
    }

    /**
     * Reads the secret again. True when its value changed, that is when a request refused with the
     * old value is worth making again; false for a fixed secret and for an unchanged one.
     */
    synchronized boolean reread() {
        if (source == null) {
            return false;
        }
        String current = read(source, secretId);
        boolean changed = !current.equals(value);
        value = current;
        return changed;
    }

    /** Where it comes from, for messages: the secret's ARN, or that it is configured. */
    String origin() {
        return secretId == null ? "PRODUCTS_CLIENT_SECRET" : secretId;
    }

    private static String read(SecretSource source, String secretId) {
        String secret = source.secretString(secretId);
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("The secret " + secretId + " has no value (SecretString)");
        }
        return secret;
    }

    /** Never the value. */
    @Override
    public String toString() {
        return "ClientSecret[" + origin() + "]";
    }
}
