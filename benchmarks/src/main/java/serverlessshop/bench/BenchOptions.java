package serverlessshop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How to run: {@code make bench ARGS="..."}.
 *
 * @param phases   which phases run (cold, warm, scale, jobs, contention, profile); memory comes with warm
 * @param launches cold starts per function and configuration (the figure is their median)
 * @param quick    a smoke run: fewer launches, shorter phases, 10,000 products instead of 100,000
 * @param variants extra configurations measured beside the others at cold start (levers)
 * @param warmBaseline what the second stack runs, the baseline of the warm figures: untuned, or the
 *                 production image with a lever's variables (--warm-baseline), to measure that lever
 * @param write    false with --no-write: print the table, leave BENCHMARKS.md alone
 */
record BenchOptions(
        Path repo,
        Path out,
        Set<String> phases,
        int launches,
        boolean quick,
        List<JvmConfiguration> variants,
        JvmConfiguration warmBaseline,
        boolean write) {

    static final List<String> PHASES = List.of("cold", "warm", "scale", "jobs", "contention", "profile");

    static final String USAGE = """
            usage: make bench [ARGS="--launches N --only cold,warm,scale,jobs,contention,profile --variant NAME:VAR=VALUE,... --quick --no-write"]
              --launches N     cold starts per function and configuration; default 5
              --only PHASES    some of cold, warm, scale, jobs, contention, profile (memory comes with
                               warm); default all
              --variant NAME:VAR=VALUE[,VAR=VALUE]  one more cold-start configuration, e.g. a lever:
                               lazy:SPRING_MAIN_LAZY_INITIALIZATION=true (repeatable)
              --warm-baseline NAME:VAR=VALUE[,VAR=VALUE]  the warm runs' second stack runs the production
                               image with these variables instead of untuned: a lever measured warm
              --quick          a smoke run: 2 launches, short phases, 10,000 products
              --no-write       print the table only; BENCHMARKS.md stays as it is
              --repo DIR       the repository root; default the current directory""";

    static BenchOptions parse(String[] args) {
        Path repo = Path.of("").toAbsolutePath();
        String out = null;
        Set<String> phases = new LinkedHashSet<>(PHASES);
        Integer launches = null;
        boolean quick = false;
        boolean write = true;
        List<JvmConfiguration> variants = new ArrayList<>();
        JvmConfiguration warmBaseline = JvmConfiguration.untuned();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo" -> repo = Path.of(value(args, ++i)).toAbsolutePath();
                case "--out" -> out = value(args, ++i);
                case "--launches" -> launches = Integer.parseInt(value(args, ++i));
                case "--only" -> {
                    phases = new LinkedHashSet<>(List.of(value(args, ++i).split(",")));
                    if (!PHASES.containsAll(phases)) {
                        throw new IllegalArgumentException("--only takes some of " + PHASES + "\n" + USAGE);
                    }
                }
                case "--variant" -> variants.add(JvmConfiguration.parse(value(args, ++i)));
                case "--warm-baseline" -> warmBaseline = JvmConfiguration.parse(value(args, ++i));
                case "--quick" -> quick = true;
                case "--no-write" -> write = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
        }
        int cold = launches != null ? launches : quick ? 2 : 5;
        if (cold < 1) {
            throw new IllegalArgumentException("--launches must be 1 or more");
        }
        return new BenchOptions(
                repo.normalize(),
                repo.resolve(out == null ? "BENCHMARKS.md" : out),
                phases,
                cold,
                quick,
                List.copyOf(variants),
                warmBaseline,
                write);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    int catalogSize() {
        return quick ? 10_000 : 100_000;
    }

    /** Seconds of recorded load per measurement (warm-up comes before). */
    double seconds(double full) {
        return quick ? Math.max(1, full / 4) : full;
    }
}
