package serverlessshop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame in a few rows: the CPU samples of a JFR recording (jdk.ExecutionSample) on the threads
 * that matter, summed per frame. A frame's inclusive share is the part of the samples with it
 * anywhere on the stack (it or what it called was running), its self share the part with it on top
 * (its own code was running). Frames are named {@code Class.method} with the class's package beside
 * it, so that our code and each library read apart.
 */
final class FlameTable {

    /** One frame's counts, with the samples it is a share of. */
    record Frame(String packageName, String method, int inclusive, int self, int samples) {

        double inclusiveShare() {
            return samples == 0 ? 0 : (double) inclusive / samples;
        }

        double selfShare() {
            return samples == 0 ? 0 : (double) self / samples;
        }
    }

    private final Map<String, int[]> counts = new HashMap<>();
    private final Map<String, String> packages = new HashMap<>();
    private final Map<String, String> frameNames = new HashMap<>();
    /** Per frame, at its outermost call in each sample: the method it was calling, and how often. */
    private final Map<String, Map<String, Integer>> callees = new HashMap<>();

    private int samples;
    private int truncated;

    private FlameTable() {}

    /**
     * The samples of the recording whose thread passes {@code threads}; stacks left out by the JVM (no
     * stack trace) do not count.
     */
    static FlameTable read(Path recording, Predicate<String> threads) throws IOException {
        return read(List.of(recording), threads);
    }

    /** The samples of several recordings as one (every instance of a function). */
    static FlameTable read(List<Path> recordings, Predicate<String> threads) throws IOException {
        FlameTable table = new FlameTable();
        for (Path recording : recordings) {
            try (RecordingFile file = new RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                        continue;
                    }
                    RecordedThread thread = event.getThread("sampledThread");
                    RecordedStackTrace stack = event.getStackTrace();
                    if (thread == null || stack == null || !threads.test(threadName(thread))) {
                        continue;
                    }
                    table.add(stack);
                }
            }
        }
        return table;
    }

    private static String threadName(RecordedThread thread) {
        String name = thread.getJavaName();
        return name != null ? name : thread.getOSName();
    }

    private void add(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        if (stack.isTruncated()) {
            truncated++;
        }
        // From the thread's entry to the top: a recursive or re-entered method (a filter chain's doFilter)
        // counts once per sample, at its outermost call, which is the one that holds all its time.
        Set<String> seen = new HashSet<>();
        for (int i = frames.size() - 1; i >= 0; i--) {
            String key = key(frames.get(i));
            if (key == null || !seen.add(key)) {
                continue;
            }
            int[] count = counts.computeIfAbsent(key, k -> new int[2]);
            count[0]++;
            String callee = i == 0 ? null : key(frames.get(i - 1));
            callees.computeIfAbsent(key, k -> new HashMap<>()).merge(callee == null ? SELF : callee, 1, Integer::sum);
        }
        String top = key(frames.getFirst());
        if (top != null) {
            counts.get(top)[1]++;
        }
    }

    private static final String SELF = "";

    private String key(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return null;
        }
        String type = method.getType().getName();
        String key = type + "." + method.getName();
        if (!frameNames.containsKey(key)) {
            int dot = type.lastIndexOf('.');
            frameNames.put(key, type.substring(dot + 1) + "." + method.getName());
            packages.put(key, dot < 0 ? "" : type.substring(0, dot));
        }
        return key;
    }

    /**
     * A frame that only passes the call on: nearly all its samples (95 %) go through one and the same
     * method it calls. The filters of a chain, the proxies and the reflection between Spring and a
     * controller are such frames; listed, they would fill the inclusive table with one number each.
     */
    private boolean passesOn(String key) {
        int inclusive = counts.get(key)[0];
        int most = callees.getOrDefault(key, Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(SELF))
                .mapToInt(Map.Entry::getValue)
                .max()
                .orElse(0);
        return most >= inclusive * 0.95;
    }

    int samples() {
        return samples;
    }

    /** Samples whose stack was deeper than the recording's stack depth (their entry frames are missing). */
    int truncated() {
        return truncated;
    }

    /**
     * The {@code limit} frames of highest inclusive share where the time divides: leaving out those on the
     * stack of every sample (the thread's entry) and those that only pass the call on ({@link #passesOn}),
     * which would say the same share again and again.
     */
    List<Frame> topInclusive(int limit) {
        return frames(key -> !passesOn(key)).stream()
                .filter(frame -> frame.inclusive() < samples)
                .sorted(Comparator.comparingInt(Frame::inclusive).reversed().thenComparing(Frame::method))
                .limit(limit)
                .toList();
    }

    /** The {@code limit} frames of highest self share: where the CPU time itself went. */
    List<Frame> topSelf(int limit) {
        return frames().stream()
                .filter(frame -> frame.self() > 0)
                .sorted(Comparator.comparingInt(Frame::self).reversed().thenComparing(Frame::method))
                .limit(limit)
                .toList();
    }

    /** A frame by its class's simple name and method ({@code Class.method}), or null. */
    Frame frame(String method) {
        return frames().stream()
                .filter(frame -> frame.method().equals(method))
                .max(Comparator.comparingInt(Frame::inclusive))
                .orElse(null);
    }

    private List<Frame> frames() {
        return frames(key -> true);
    }

    private List<Frame> frames(Predicate<String> keys) {
        return counts.entrySet().stream()
                .filter(e -> keys.test(e.getKey()))
                .map(e -> new Frame(
                        packages.get(e.getKey()),
                        frameNames.get(e.getKey()),
                        e.getValue()[0],
                        e.getValue()[1],
                        samples))
                .toList();
    }

    /**
     * Self shares summed per package, its first {@code depth} names ({@code org.springframework.security}):
     * which library's own code the CPU ran, whoever called it.
     */
    Map<String, Integer> selfByPackage(int depth) {
        Map<String, Integer> sums = new HashMap<>();
        counts.forEach((key, count) -> {
            if (count[1] > 0) {
                String[] parts = packages.get(key).split("\\.");
                String group = String.join(".", List.of(parts).subList(0, Math.min(depth, parts.length)));
                sums.merge(group, count[1], Integer::sum);
            }
        });
        return sums;
    }

    /** Three Markdown tables, the inclusive and self shares and the self shares per package, for BENCHMARKS.md. */
    String markdown(int inclusiveRows, int selfRows) {
        StringBuilder md = new StringBuilder();
        md.append("| Frame (inclusive) | Package | Inclusive | Self |\n| --- | --- | ---: | ---: |\n");
        for (Frame frame : topInclusive(inclusiveRows)) {
            row(md, frame);
        }
        md.append("\n| Frame (self) | Package | Self | Inclusive |\n| --- | --- | ---: | ---: |\n");
        for (Frame frame : topSelf(selfRows)) {
            md.append("| `")
                    .append(frame.method())
                    .append("` | ")
                    .append(shortPackage(frame.packageName()))
                    .append(" | ")
                    .append(percent(frame.selfShare()))
                    .append(" | ")
                    .append(percent(frame.inclusiveShare()))
                    .append(" |\n");
        }
        md.append("\n| Package (self, summed) | Self |\n| --- | ---: |\n");
        selfByPackage(3).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(selfRows)
                .forEach(e -> md.append("| ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(percent(samples == 0 ? 0 : (double) e.getValue() / samples))
                        .append(" |\n"));
        return md.toString();
    }

    private static void row(StringBuilder md, Frame frame) {
        md.append("| `")
                .append(frame.method())
                .append("` | ")
                .append(shortPackage(frame.packageName()))
                .append(" | ")
                .append(percent(frame.inclusiveShare()))
                .append(" | ")
                .append(percent(frame.selfShare()))
                .append(" |\n");
    }

    /** {@code org.springframework.security.web} as {@code o.s.security.web}: the library still reads. */
    static String shortPackage(String name) {
        String[] parts = name.split("\\.");
        if (parts.length <= 2) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i < 2 && parts.length > 3 ? parts[i].substring(0, 1) : parts[i]);
            if (i < parts.length - 1) {
                out.append('.');
            }
        }
        return out.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
