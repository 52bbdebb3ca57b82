package serverlessshop.products.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import serverlessshop.support.secrets.SecretSource;
import serverlessshop.support.secrets.SecretsManagerSecretSource;

/**
 * The migrate function: applies the Flyway migrations ({@code classpath:db/migration}) to the
 * database of {@code PRODUCTS_DB_URL}. The deploy invokes it once per release, before the new
 * code takes traffic; the service itself starts with Flyway off in AWS
 * ({@code PRODUCTS_DB_MIGRATE_ON_START=false}), so no cold start waits for, or races on, the schema.
 *
 * <p>No Spring context: plain Flyway on a plain JDBC connection starts in a fraction of the time.
 * Same image as the service, with the command overridden to this class. The event is ignored;
 * the answer says how many migrations ran and the schema version now in place. Re-running it
 * applies nothing.
 */
public class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public static final String DATABASE_URL = "PRODUCTS_DB_URL";

    private final UnaryOperator<String> settings;
    private final SecretSource secrets;

    public MigrateHandler() {
        this(System::getenv, new SecretsManagerSecretSource());
    }

    MigrateHandler(UnaryOperator<String> settings, SecretSource secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String url = settings.apply(DATABASE_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(DATABASE_URL + " is not set: which database should be migrated?");
        }
        DatabaseCredentials credentials = DatabaseCredentials.resolve(settings, secrets);
        Flyway flyway = Flyway.configure()
                .dataSource(url, credentials.username(), credentials.password())
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("migrations_applied", result.migrationsExecuted);
        answer.put("schema_version", current == null ? null : current.getVersion().getVersion());
        return answer;
    }
}
