package serverlessshop.products.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.Table;
import serverlessshop.products.db.DefaultSchema;

/**
 * The database user the products functions connect as, made by the migration (which runs as the
 * master user) on every release: it may read and change the rows of the service's tables and
 * nothing else. No DDL, no other schema, not even the migrations' own history table, so a flaw in
 * the service cannot change the schema or tamper with what the next migration trusts.
 *
 * <p>The tables are the ones jOOQ generated from the migrations, i.e. exactly those the code can
 * query; the privileges are what the service and the sweep run on them: SELECT (with FOR UPDATE,
 * which MySQL allows with UPDATE), INSERT, UPDATE and DELETE.
 *
 * <p>Identified by IAM database authentication on RDS (no password exists: the function signs a
 * token with its role), or by a password when something in between needs one (an RDS Proxy logs in
 * to MySQL with a secret) or the server has no IAM plugin (MariaDB in tests). Running it again
 * changes nothing but the password, to the secret's current one.
 */
public final class AppUser {

    /** The privileges on each table, as SHOW GRANTS lists them. */
    public static final List<String> PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    // A MySQL account name that needs no quoting rules: the name goes into SQL text (DCL takes no
    // placeholders for names).
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    private final String name;

    public AppUser(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The application user's name must be 1 to 32 letters, digits or"
                    + " underscores, starting with a letter: " + name);
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The tables the user may use: the service's own, as generated from the migrations. */
    public static List<String> tables() {
        return DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .map(Table::getName)
                .sorted()
                .toList();
    }

    /** Creates the user, or makes an existing one authenticate with IAM, then grants the privileges. */
    public void ensureWithIamAuthentication(Connection connection) throws SQLException {
        // RDS's own plugin: the password is a signed token that RDS checks against IAM.
        String identified = " IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS'";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + account() + identified);
            statement.execute("ALTER USER " + account() + identified);
        }
        grant(connection);
    }

    /** Creates the user, or sets an existing one's password, then grants the privileges. */
    public void ensureWithPassword(Connection connection, String password) throws SQLException {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("The application user " + name + " needs a password");
        }
        // A placeholder, not text: the driver quotes the password itself, and it never sits in a
        // statement that an error or a log could print.
        for (String sql : List.of(
                "CREATE USER IF NOT EXISTS " + account() + " IDENTIFIED BY ?",
                "ALTER USER " + account() + " IDENTIFIED BY ?")) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, password);
                statement.execute();
            } catch (SQLException e) {
                // Not chained: some servers echo the statement, password included.
                throw new SQLException(
                        "Could not create or update the database user " + name + ": error " + e.getErrorCode() + " ("
                                + e.getSQLState() + ")",
                        e.getSQLState(),
                        e.getErrorCode());
            }
        }
        grant(connection);
    }

    private void grant(Connection connection) throws SQLException {
        String schema = connection.getCatalog();
        if (schema == null || schema.isEmpty() || schema.contains("`")) {
            throw new IllegalStateException("The connection names no usable database: " + schema);
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : tables()) {
                statement.execute("GRANT " + String.join(", ", PRIVILEGES) + " ON `" + schema + "`.`" + table + "` TO "
                        + account());
            }
        }
    }

    private String account() {
        return "'" + name + "'@'%'";
    }
}
