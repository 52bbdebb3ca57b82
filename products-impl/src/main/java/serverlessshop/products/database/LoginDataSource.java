package serverlessshop.products.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;
import serverlessshop.products.lambda.DatabaseCredentials;

/**
 * Opens each new connection with the login's current credentials, the pool's (Hikari's) source of
 * connections. When the database refuses them (MySQL error 1045, "Access denied"), it asks the login
 * to read them again and tries once more: after a rotation, the first new connection of a warm
 * function fails once, quietly, and succeeds with the new password. A second refusal is an error
 * that names the user and where the credentials came from, never the password.
 */
public final class LoginDataSource extends AbstractDataSource {

    /** ER_ACCESS_DENIED_ERROR: wrong user, password or token. */
    public static final int ACCESS_DENIED = 1045;

    private static final Logger log = LoggerFactory.getLogger(LoginDataSource.class);

    private final String url;
    private final DatabaseLogin login;

    public LoginDataSource(String url, DatabaseLogin login) {
        this.url = url;
        this.login = login;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return connect(login.current());
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            log.info(
                    "The database refused the credentials of {} ({}); reading them again",
                    login.source(),
                    e.getMessage());
        }
        login.forget();
        DatabaseCredentials again = login.current();
        try {
            return connect(again);
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            throw new SQLException(
                    "The database refused the user " + again.username() + " with " + login.source()
                            + ", read again after a first refusal: " + e.getMessage(),
                    e.getSQLState(),
                    e.getErrorCode(),
                    e);
        }
    }

    /** Not for this source: its login decides the user. */
    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException("The login decides the user; call getConnection()");
    }

    private Connection connect(DatabaseCredentials credentials) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        return DriverManager.getConnection(url, properties);
    }
}
