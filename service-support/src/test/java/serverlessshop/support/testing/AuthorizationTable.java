package serverlessshop.support.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An authorization matrix as it ran: one row per operation (or operation and situation), one
 * column per {@link TestCaller}, each cell the status expected and the status answered. Printed
 * as a table, so that a reader sees who may do what at a glance; a cell that did not get what was
 * expected is marked and fails the test.
 *
 * <p>Expected values: {@code 2xx} (allowed, succeeded) or a status (refused with it). Every cell is
 * sent: the functions verify tokens themselves, so even what API Gateway would refuse is sent to them.
 */
public final class AuthorizationTable {

    private final String title;
    private final Map<String, Map<TestCaller, String>> rows = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    public AuthorizationTable(String title) {
        this.title = title;
    }

    /** Records what a cell answered; {@code expected} is "2xx" or a status. */
    public void record(String row, TestCaller caller, String expected, int actual, String detail) {
        sent++;
        boolean ok = expected.equals("2xx") ? actual >= 200 && actual < 300 : expected.equals(String.valueOf(actual));
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>())
                .put(caller, ok ? shown(expected, actual) : "!" + actual + "(want " + expected + ")");
        if (!ok) {
            failures.add(row + " as " + caller + ": expected " + expected + ", got " + actual + "\n  " + detail);
        }
    }

    /** A failure found outside the status (data that leaked or changed), charged to a cell. */
    public void fail(String row, TestCaller caller, String problem) {
        failures.add(row + " as " + caller + ": " + problem);
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).merge(caller, "!LEAK", (a, b) -> a + b);
    }

    private static String shown(String expected, int actual) {
        return expected.equals("2xx") ? String.valueOf(actual) : expected;
    }

    public String render() {
        int width = Math.max(
                24, rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 1);
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format("%-" + width + "s", "operation \\ caller"));
        for (TestCaller caller : TestCaller.values()) {
            out.append(String.format("%-18s", caller.name().toLowerCase(java.util.Locale.ROOT)));
        }
        out.append('\n');
        rows.forEach((row, cells) -> {
            out.append(String.format("%-" + width + "s", row));
            for (TestCaller caller : TestCaller.values()) {
                out.append(String.format("%-18s", cells.getOrDefault(caller, "-")));
            }
            out.append('\n');
        });
        int cells = rows.values().stream().mapToInt(Map::size).sum();
        out.append("matrix: ")
                .append(rows.size())
                .append(" rows x ")
                .append(TestCaller.values().length)
                .append(" callers = ")
                .append(cells)
                .append(" cells, ")
                .append(sent)
                .append(" sent, ")
                .append(failures.size())
                .append(" failing");
        return out.toString();
    }

    /** Prints the table and fails with every failing cell. */
    public void assertAllAsExpected() {
        System.out.println(render());
        if (!failures.isEmpty()) {
            failures.forEach(failure -> System.out.println("FAILING CELL " + failure));
            throw new AssertionError(
                    title + ": " + failures.size() + " failing cells:\n" + String.join("\n", failures));
        }
    }
}
