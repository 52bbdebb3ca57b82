package serverlessshop.products.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import serverlessshop.products.database.AppUser;
import serverlessshop.products.database.JdbcUrls;
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
 *
 * <p>Then, with {@code PRODUCTS_DB_APP_USER} set, it makes the user the service connects as
 * ({@link AppUser}: DML on the service's tables only): identified by IAM database authentication,
 * or, with {@code PRODUCTS_DB_APP_SECRET_ARN}, by that secret's password (for an RDS Proxy, which
 * logs in to MySQL with a secret). The migration itself runs as the user of
 * {@code PRODUCTS_DB_SECRET_ARN} (RDS's master secret in AWS), the only one allowed DDL.
 */
public class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public static final String DATABASE_URL = "PRODUCTS_DB_URL";
    public static final String APP_USER = "PRODUCTS_DB_APP_USER";
    public static final String APP_SECRET_ARN = "PRODUCTS_DB_APP_SECRET_ARN";

    private final UnaryOperator<String> settings;
    private final SecretSource secrets;

    public MigrateHandler() {
        this(System::getenv, new SecretsManagerSecretSource());
    }

    /** With another environment and secret source: tests, and the release steps that run it in process. */
    public MigrateHandler(UnaryOperator<String> settings, SecretSource secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String url = settings.apply(DATABASE_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(DATABASE_URL + " is not set: which database should be migrated?");
        }
        url = JdbcUrls.withTrustStoreResolved(url);
        DatabaseCredentials credentials = DatabaseCredentials.resolve(settings, secrets);
        Flyway flyway = Flyway.configure()
                .dataSource(url, credentials.username(), credentials.password())
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("migrations_applied", result.migrationsExecuted);
        answer.put(
                "schema_version", current == null ? null : current.getVersion().getVersion());
        String appUser = settings.apply(APP_USER);
        if (appUser != null && !appUser.isBlank()) {
            ensureAppUser(url, credentials, new AppUser(appUser));
            answer.put("app_user", appUser);
        }
        return answer;
    }

    private void ensureAppUser(String url, DatabaseCredentials credentials, AppUser user) {
        String appSecretArn = settings.apply(APP_SECRET_ARN);
        try (Connection connection = DriverManager.getConnection(url, credentials.username(), credentials.password())) {
            if (appSecretArn == null || appSecretArn.isBlank()) {
                user.ensureWithIamAuthentication(connection);
            } else {
                DatabaseCredentials app = DatabaseCredentials.parse(appSecretArn, secrets.secretString(appSecretArn));
                if (!app.username().equals(user.name())) {
                    throw new IllegalStateException("The secret " + appSecretArn + " is for " + app.username()
                            + ", not for " + APP_USER + "=" + user.name());
                }
                user.ensureWithPassword(connection, app.password());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create or update the database user " + user.name() + " (error " + e.getErrorCode()
                            + "): " + e.getMessage(),
                    e);
        }
    }
}
