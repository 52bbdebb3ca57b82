package serverlessshop.bench.timing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A function's handler for the tests: one query on an H2 database, through a timed data source, per event. */
public class QueryingHandler implements RequestStreamHandler {

    static final DataSource DATABASE = TimedJdbc.dataSource(h2());

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:timing;DB_CLOSE_DELAY=-1");
        // A query that takes a known time: H2 has no SLEEP of its own.
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ALIAS IF NOT EXISTS PAUSE FOR 'java.lang.Thread.sleep(long)'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return h2;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Connection connection = DATABASE.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CALL PAUSE(20)");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        // Work of the handler's own, outside the database.
        long until = System.nanoTime() + 30_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        output.write(input.readAllBytes());
    }
}
