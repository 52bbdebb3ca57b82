package serverlessshop.products.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a statement costs MariaDB: its plan (EXPLAIN) and the rows and index entries it read (the
 * session's Handler_read_* counters around one run), each measured on a connection of its own.
 */
record QueryCost(List<PlanRow> plan, long rowsRead, double millis) {

    /**
     * One line of EXPLAIN: how a table is read ("ALL" and "index" read all of it) and with which key.
     * Tables of the statement's own making ({@code <subquery2>}: a subquery's materialized result) are
     * as large as what filled them, not the catalogue.
     */
    record PlanRow(String table, String type, String key, long rows) {

        boolean readsEveryRow() {
            return !table.startsWith("<") && (type.equals("ALL") || type.equals("index"));
        }

        @Override
        public String toString() {
            return table + ":" + type + (key == null ? "" : "(" + key + ")") + "~" + rows;
        }
    }

    private static final List<String> READ_COUNTERS = List.of(
            "Handler_read_first",
            "Handler_read_key",
            "Handler_read_next",
            "Handler_read_prev",
            "Handler_read_rnd",
            "Handler_read_rnd_next");

    static QueryCost of(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            List<PlanRow> plan = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                while (rows.next()) {
                    plan.add(new PlanRow(
                            rows.getString("table"),
                            rows.getString("type"),
                            rows.getString("key"),
                            rows.getLong("rows")));
                }
            }
            long before = rowsRead(statement);
            long start = System.nanoTime();
            run(statement, sql);
            double millis = (System.nanoTime() - start) / 1e6;
            return new QueryCost(plan, rowsRead(statement) - before, millis);
        }
    }

    /** The median time of {@code runs} runs (the first warms the buffer pool and is not counted). */
    static double medianMillis(DataSource dataSource, String sql, int runs) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            run(statement, sql);
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                run(statement, sql);
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(times);
            return times[runs / 2];
        }
    }

    boolean readsATableWhole() {
        return plan.stream().anyMatch(PlanRow::readsEveryRow);
    }

    private static void run(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                // Read every row: the counters are complete when the result is.
            }
        }
    }

    private static long rowsRead(Statement statement) throws SQLException {
        long total = 0;
        try (ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
            while (status.next()) {
                if (READ_COUNTERS.contains(status.getString(1))) {
                    total += status.getLong(2);
                }
            }
        }
        return total;
    }
}
