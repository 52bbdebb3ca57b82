package serverlessshop.products.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.UnaryOperator;
import serverlessshop.support.secrets.SecretSource;

/**
 * A database user and password (or IAM token). From a Secrets Manager secret (JSON with
 * {@code username} and {@code password}, as RDS's managed master secret is), so that no password
 * sits in a function's environment, or from {@code PRODUCTS_DB_USER} and {@code PRODUCTS_DB_PASSWORD}.
 * {@link MigrateHandler} resolves its own here per run; the service asks its login for every new
 * connection ({@code serverlessshop.products.database.DatabaseLogin}).
 */
public record DatabaseCredentials(String username, String password) {

    public static final String SECRET_ARN = "PRODUCTS_DB_SECRET_ARN";
    public static final String USER = "PRODUCTS_DB_USER";
    public static final String PASSWORD = "PRODUCTS_DB_PASSWORD";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The credentials of the secret named by {@code PRODUCTS_DB_SECRET_ARN}, or empty when it is not set.
     *
     * @param settings the environment (or any other lookup of it)
     * @param secrets  where to read the secret
     */
    public static Optional<DatabaseCredentials> fromSecret(UnaryOperator<String> settings, SecretSource secrets) {
        String secretArn = settings.apply(SECRET_ARN);
        if (secretArn == null || secretArn.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(secretArn, secrets.secretString(secretArn)));
    }

    /**
     * The secret's credentials when {@code PRODUCTS_DB_SECRET_ARN} is set, else the environment's,
     * with the defaults of application.properties (H2's {@code sa} and no password).
     */
    public static DatabaseCredentials resolve(UnaryOperator<String> settings, SecretSource secrets) {
        return fromSecret(settings, secrets)
                .orElseGet(() -> new DatabaseCredentials(
                        orDefault(settings.apply(USER), "sa"), orDefault(settings.apply(PASSWORD), "")));
    }

    /** Parses a secret; errors name the secret, never its content. */
    public static DatabaseCredentials parse(String secretArn, String secretString) {
        JsonNode secret;
        try {
            secret = secretString == null ? null : JSON.readTree(secretString);
        } catch (JsonProcessingException e) {
            // Not chained: the parser's message quotes the text it read, which is the secret.
            throw new IllegalStateException("The secret " + secretArn + " is not JSON");
        }
        if (secret == null || !secret.isObject()) {
            throw new IllegalStateException("The secret " + secretArn + " is not a JSON object");
        }
        return new DatabaseCredentials(text(secret, "username", secretArn), text(secret, "password", secretArn));
    }

    private static String text(JsonNode secret, String field, String secretArn) {
        JsonNode value = secret.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalStateException("The secret " + secretArn + " has no " + field);
        }
        return value.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** Never prints the password (a record would). */
    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=***]";
    }
}
