package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Row.duration(850)).isEqualTo("850 µs");
        assertThat(Row.duration(12_345)).isEqualTo("12.3 ms");
        assertThat(Row.duration(250_400)).isEqualTo("250 ms");
        assertThat(Row.duration(1_234_000)).isEqualTo("1.23 s");
    }

    @Test
    void ratiosAreMeasuredOverBaselineAndSayHowManyTimesLess() {
        assertThat(Row.ratio(1_000, 3_200)).isEqualTo("0.31 (3.2× less)");
        assertThat(Row.ratio(12, 10)).isEqualTo("1.20");
        assertThat(Row.ratio(98, 100)).isEqualTo("0.98");
        assertThat(Row.ratio(5, 0)).isEqualTo("n/a");
    }

    @Test
    void aRunWhosePhasesAllFailedStillPrintsItsNotes() {
        Report report = new Report();
        report.note("cold: the products image did not start");

        assertThat(report.consoleTable()).contains("Figure").contains("note: cold: the products image did not start");
    }

    @Test
    void theTableGroupsRowsBySectionAndFlagsUnmetGoals() {
        Report report = new Report();
        report.add(new Row(
                "Cold start",
                "products: production",
                "0.90 s",
                "3.00 s (untuned)",
                Row.ratio(900, 3_000),
                "≤ 1.0 s",
                true));
        report.add(new Row(
                "Cold start",
                "orders: production",
                "1.20 s",
                "3.00 s (untuned)",
                Row.ratio(1_200, 3_000),
                "≤ 1.0 s",
                false));
        report.add(new Row("Memory", "products", "250 MB", "300 MB", Row.ratio(250, 300), "", null));
        report.method("Cold start", "launched and timed.");

        String table = report.consoleTable();
        assertThat(table).containsOnlyOnce("[Cold start]").contains("[Memory]");
        assertThat(table.lines()
                        .filter(line -> line.startsWith("products: production"))
                        .findFirst()
                        .orElseThrow())
                .contains("0.30 (3.3× less)")
                .endsWith("met");
        assertThat(table).contains("NOT MET");

        Machine machine = new Machine(2, 24_000, "a CPU", "Linux", "JDK 25", "2025-01-01 00:00 UTC", "abc123");
        String markdown = report.markdown(machine, "1.00 0.50 0.20", "2.00 1.00 0.40", 180, "## Levers\n\nnone yet\n");
        assertThat(markdown)
                .contains("| 2 cores, a CPU |")
                .contains("1.00 0.50 0.20 at the start")
                .contains("| **Cold start** | | | | | |")
                .contains(
                        "| orders: production | 1.20 s | 3.00 s (untuned) | 0.40 (2.5× less) | ≤ 1.0 s | **NOT MET** |")
                .contains("- **Cold start**: launched and timed.")
                .endsWith("## Levers\n\nnone yet\n");
    }

    @Test
    void sectionsComeAfterTheResultsInTheFileAndNotOnTheConsole() {
        Report report = new Report();
        report.section("Profile: GET /products/{id}", "| Frame (self) | Package | Self | Inclusive |\n");
        report.method("Profiles", "recorded.");

        assertThat(report.consoleTable()).doesNotContain("Profile").startsWith("Figure");
        Machine machine = new Machine(2, 24_000, "a CPU", "Linux", "JDK 25", "2025-01-01 00:00 UTC", "abc123");
        String markdown = report.markdown(machine, "1", "1", 60, "");
        assertThat(markdown)
                .contains("## Results")
                .contains("## Profile: GET /products/{id}\n\n| Frame (self) | Package | Self | Inclusive |\n\n")
                .contains("- **Profiles**: recorded.");
        assertThat(markdown.indexOf("## Profile:"))
                .isGreaterThan(markdown.indexOf("## Results"))
                .isLessThan(markdown.indexOf("## How each figure is measured"));
    }

    @Test
    void writingKeepsTheSiteBudgetsThatShareTheFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("BENCHMARKS.md");
        String budgets = Report.SITE_BUDGETS_START + "\n## Static site budgets\n\n| initial JS | 25 KB |\n"
                + Report.SITE_BUDGETS_END;
        Files.writeString(file, "# Benchmarks\n\nan older run\n\n" + budgets + "\n\nafter the block\n");
        Machine machine = new Machine(2, 24_000, "a CPU", "Linux", "JDK 25", "2025-01-01 00:00 UTC", "abc123");
        Report report = new Report();
        report.add(new Row("Memory", "products", "250 MB", "300 MB", Row.ratio(250, 300), "", null));

        report.write(file, machine, "1", "1", 60, directory.resolve("no-levers.md"));

        String written = Files.readString(file);
        assertThat(written)
                .doesNotContain("an older run")
                .contains("| products | 250 MB |")
                .endsWith(budgets + "\n");
    }
}
