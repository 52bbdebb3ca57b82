package serverlessshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one run: the table printed on the console and BENCHMARKS.md, which adds the
 * machine, how busy it was, how each figure was measured and the record of the levers tried.
 */
final class Report {

    static final String SITE_BUDGETS_START =
            "<!-- static-site budgets: written by static-site/scripts/budget.mjs --write -->";
    static final String SITE_BUDGETS_END = "<!-- end of static-site budgets -->";
    private static final String[] HEADERS = {"Figure", "Measured", "Baseline", "Ratio", "Goal", ""};

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> methods = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> sections = new LinkedHashMap<>();

    void add(Row row) {
        rows.add(row);
    }

    /** How the figures of a section were measured, in a sentence or two. */
    void method(String section, String text) {
        methods.put(section, text);
    }

    /** Something the reader of this run must know (a phase that failed, a skipped figure). */
    void note(String text) {
        notes.add(text);
    }

    /** A section of its own after the results, in Markdown (a profile's tables); not on the console. */
    void section(String title, String markdown) {
        sections.put(title, markdown);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** The table as aligned plain text, one section after another. */
    String consoleTable() {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADERS);
        String section = null;
        for (Row row : rows) {
            if (!row.section().equals(section)) {
                section = row.section();
                lines.add(new String[] {"[" + section + "]", "", "", "", "", ""});
            }
            lines.add(cells(row));
        }
        int[] widths = new int[HEADERS.length];
        // A run with no verdict (the profile alone) leaves the last column empty; "%-0s" is no format.
        Arrays.fill(widths, 1);
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                // Padded by hand: a format width of 0 (a column empty in every row) is an error.
                text.append(line[i])
                        .append(" ".repeat(widths[i] - line[i].length()))
                        .append(i < line.length - 1 ? "  " : "");
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        notes.forEach(note -> out.append("note: ").append(note).append('\n'));
        return out.toString();
    }

    String markdown(Machine machine, String loadBefore, String loadAfter, long seconds, String levers) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `make bench` (")
                .append(seconds)
                .append(" s, ")
                .append(machine.date())
                .append(", commit ")
                .append(machine.commit())
                .append("). Every figure is measured side by side with ")
                .append("its baseline in the same run and given as an absolute and as a ratio (measured ÷ baseline); ")
                .append(
                        "the goals are the shop's performance goals (cold start, warm latency, pagination at depth, no oversell). Re-run `make bench` to refresh this file; the record of ")
                .append("levers at the end is kept in `benchmarks/levers.md`.\n\n");
        md.append("## Machine\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| CPU | ")
                .append(machine.cores())
                .append(" cores, ")
                .append(machine.cpu())
                .append(" |\n");
        md.append("| Memory | ").append(machine.memoryMb()).append(" MB |\n");
        md.append("| OS | ").append(machine.os()).append(" |\n");
        md.append("| JDK | ").append(machine.jdk()).append(" |\n");
        md.append("| Load average (1, 5, 15 min) | ")
                .append(loadBefore)
                .append(" at the start, ")
                .append(loadAfter)
                .append(" at the end: other work on this machine (other builds) adds noise, which is why every")
                .append(" figure is a ratio to a baseline measured in the same run |\n\n");
        md.append("## Results\n\n");
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        md.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        String section = null;
        for (Row row : rows) {
            if (!row.section().equals(section)) {
                section = row.section();
                md.append("| **").append(section).append("** | | | | | |\n");
            }
            String[] cells = cells(row);
            if (row.met() != null && !row.met()) {
                cells[5] = "**NOT MET**";
            }
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        md.append('\n');
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        sections.forEach((title, text) -> md.append("## ")
                .append(title)
                .append("\n\n")
                .append(text.strip())
                .append("\n\n"));
        md.append("## How each figure is measured\n\n");
        methods.forEach((name, text) ->
                md.append("- **").append(name).append("**: ").append(text).append('\n'));
        md.append('\n');
        md.append(levers.strip()).append('\n');
        return md.toString();
    }

    void write(Path file, Machine machine, String loadBefore, String loadAfter, long seconds, Path leversFile)
            throws IOException {
        String levers = Files.exists(leversFile) ? Files.readString(leversFile) : "";
        String siteBudgets = Files.exists(file) ? siteBudgets(Files.readString(file)) : "";
        Files.writeString(
                file,
                markdown(machine, loadBefore, loadAfter, seconds, levers)
                        + (siteBudgets.isEmpty() ? "" : "\n" + siteBudgets + "\n"));
    }

    /** The site's budgets share the file; static-site/scripts/budget.mjs writes them between these markers. */
    static String siteBudgets(String current) {
        int start = current.indexOf(SITE_BUDGETS_START);
        int end = current.indexOf(SITE_BUDGETS_END, Math.max(start, 0));
        return start < 0 || end < 0 ? "" : current.substring(start, end + SITE_BUDGETS_END.length());
    }

    private static String[] cells(Row row) {
        return new String[] {row.figure(), row.measured(), row.baseline(), row.ratio(), row.goal(), row.verdict()};
    }
}
