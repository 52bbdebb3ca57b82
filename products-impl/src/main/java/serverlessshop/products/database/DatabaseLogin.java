package serverlessshop.products.database;

import serverlessshop.products.lambda.DatabaseCredentials;

/**
 * Who the service logs in to the database as, asked for every new connection
 * ({@link LoginDataSource}), so that credentials that change while the function is warm (a rotated
 * secret, an IAM token that expires) reach the next connection without a restart.
 */
public interface DatabaseLogin {

    /** The user and password (or token) to log in with now; may read or sign them. */
    DatabaseCredentials current();

    /** The database refused {@link #current()}: the next call reads or signs them afresh. */
    void forget();

    /** Where the credentials come from, for error messages; never the credentials themselves. */
    String source();

    /** Credentials that never change: local runs and tests. */
    static DatabaseLogin fixed(DatabaseCredentials credentials) {
        return new DatabaseLogin() {
            @Override
            public DatabaseCredentials current() {
                return credentials;
            }

            @Override
            public void forget() {}

            @Override
            public String source() {
                return "the configured user and password (spring.datasource.username and password)";
            }
        };
    }
}
