package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation on a real recording: this JVM records itself while one thread spins in a known
 * call tree (its loop calls {@link #outer}, which hands nearly all its work to {@link #inner}, and
 * {@link #side}, about as long) and another thread spins elsewhere; the table of the first thread
 * must show that tree and nothing of the second.
 */
class FlameTableTest {

    private static final String WORKER = "flame-worker";
    private static final String OTHER = "flame-other";

    @TempDir
    static Path directory;

    private static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = directory.resolve("spin.jfr");
        AtomicBoolean stop = new AtomicBoolean();
        try (Recording jfr = new Recording()) {
            jfr.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            jfr.start();
            Thread worker = Thread.ofPlatform().name(WORKER).start(() -> {
                while (!stop.get()) {
                    outer();
                    side();
                }
            });
            Thread other = Thread.ofPlatform().name(OTHER).start(() -> {
                while (!stop.get()) {
                    elsewhere();
                }
            });
            // Long enough for a few hundred samples at 1 ms; the assertions are on shares, not on time.
            Thread.sleep(600);
            stop.set(true);
            worker.join();
            other.join();
            jfr.stop();
            jfr.dump(recording);
        }
    }

    private static volatile long sink;

    private static void outer() {
        long sum = 0;
        for (int i = 0; i < 1_000; i++) {
            sum += i;
        }
        sink = sum + inner();
    }

    private static long inner() {
        double x = 1;
        for (int i = 1; i < 200_000; i++) {
            x = Math.sqrt(x + i);
        }
        return (long) x;
    }

    private static void side() {
        double x = 1;
        for (int i = 1; i < 200_000; i++) {
            x = Math.log(x + i);
        }
        sink = (long) x;
    }

    private static long elsewhere() {
        double x = 1;
        for (int i = 1; i < 200_000; i++) {
            x = Math.cbrt(x + i);
        }
        sink = (long) x;
        return sink;
    }

    @Test
    void theThreadsCallChainLeadsBothTables() throws Exception {
        FlameTable table = FlameTable.read(recording, WORKER::equals);

        assertThat(table.samples()).isGreaterThan(20);
        FlameTable.Frame inner = table.frame("FlameTableTest.inner");
        FlameTable.Frame outer = table.frame("FlameTableTest.outer");
        assertThat(inner).isNotNull();
        assertThat(outer).isNotNull();
        // outer is on the stack whenever inner is, and inner does nearly all the work on its own.
        assertThat(outer.inclusive()).isGreaterThanOrEqualTo(inner.inclusive());
        assertThat(inner.selfShare()).isGreaterThan(0.2);
        assertThat(outer.selfShare()).isLessThan(inner.selfShare());
        assertThat(table.topSelf(2))
                .extracting(FlameTable.Frame::method)
                .containsExactlyInAnyOrder("FlameTableTest.inner", "FlameTableTest.side");
        assertThat(inner.packageName()).isEqualTo("serverlessshop.bench");
    }

    @Test
    void framesOnEverySampleAreLeftOutOfTheInclusiveTable() throws Exception {
        FlameTable table = FlameTable.read(recording, WORKER::equals);

        // Thread.run (the thread's entry) is under every sample: it says nothing about where time went.
        assertThat(table.frame("Thread.run").inclusive()).isEqualTo(table.samples());
        assertThat(table.topInclusive(50)).extracting(FlameTable.Frame::method).doesNotContain("Thread.run");
        // outer hands nearly every sample on to inner: inner is the row that says where that time went.
        assertThat(table.topInclusive(50))
                .extracting(FlameTable.Frame::method)
                .contains("FlameTableTest.inner", "FlameTableTest.side")
                .doesNotContain("FlameTableTest.outer");
        assertThat(table.topInclusive(50))
                .allSatisfy(frame -> assertThat(frame.inclusive()).isLessThan(table.samples()));
    }

    @Test
    void otherThreadsDoNotCount() throws Exception {
        FlameTable worker = FlameTable.read(recording, WORKER::equals);
        FlameTable other = FlameTable.read(recording, OTHER::equals);

        assertThat(worker.frame("FlameTableTest.elsewhere")).isNull();
        assertThat(other.frame("FlameTableTest.inner")).isNull();
        // Nearly all: a sample may land in the thread's loop between two calls.
        assertThat(other.frame("FlameTableTest.elsewhere").inclusive())
                .isPositive()
                .isGreaterThanOrEqualTo(other.samples() * 9 / 10);
    }

    @Test
    void theMarkdownHasTheTablesWithShares() throws Exception {
        String md = FlameTable.read(recording, WORKER::equals).markdown(12, 10);

        assertThat(md)
                .contains("| Frame (inclusive) | Package | Inclusive | Self |")
                .contains("| Frame (self) | Package | Self | Inclusive |")
                .containsPattern("\\| `FlameTableTest\\.inner` \\| serverlessshop\\.bench \\| \\d+\\.\\d %")
                .contains("| Package (self, summed) | Self |");
    }

    @Test
    void packagesAreShortenedButReadable() {
        assertThat(FlameTable.shortPackage("org.springframework.security.web")).isEqualTo("o.s.security.web");
        assertThat(FlameTable.shortPackage("com.fasterxml.jackson.databind")).isEqualTo("c.f.jackson.databind");
        assertThat(FlameTable.shortPackage("java.util.regex")).isEqualTo("java.util.regex");
        assertThat(FlameTable.shortPackage("serverlessshop.bench")).isEqualTo("serverlessshop.bench");
    }
}
