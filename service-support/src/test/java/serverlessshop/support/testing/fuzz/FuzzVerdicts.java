package serverlessshop.support.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.lambda.HttpApiResponse;

/**
 * Judges the answers to generated bad input: never a 5xx; input the contract rejects is never
 * accepted; every 4xx is a problem+json document the contract declares for the operation, with a
 * stable {@code code}; a validation failure names what is wrong. Collects the failures and the
 * figures of a run, and fails the test at the end with the seed to replay it.
 */
public final class FuzzVerdicts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String suite;
    private final ContractValidator contract;
    private final long seed;
    private final long started = System.nanoTime();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, AtomicInteger> casesPerOperation = new TreeMap<>();
    private final Map<Integer, AtomicInteger> statuses = new TreeMap<>();
    private final Map<String, AtomicInteger> undeclared = new TreeMap<>();
    private final Map<String, AtomicInteger> failureKinds = new TreeMap<>();

    public FuzzVerdicts(String suite, ContractValidator contract, long seed) {
        this.suite = suite;
        this.contract = contract;
        this.seed = seed;
        System.out.println(suite + ": seed " + seed + " (replay with SHOP_FUZZ_SEED=" + seed + ")");
    }

    /** Judges one answer; {@code examplePath} is a path of the operation for the contract lookup. */
    public void judge(FuzzCase fuzzCase, String examplePath, HttpApiResponse response) {
        casesPerOperation
                .computeIfAbsent(fuzzCase.operationId(), id -> new AtomicInteger())
                .incrementAndGet();
        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                .incrementAndGet();
        String problem = problemWith(fuzzCase, examplePath, response);
        if (problem != null) {
            fail(fuzzCase, problem + "\n  answer: " + shorten(response.toString()));
        }
    }

    /** Records a failure found outside the answer (e.g. a write to a database). */
    public void fail(FuzzCase fuzzCase, String problem) {
        failureKinds
                .computeIfAbsent(
                        fuzzCase.operationId() + " [" + fuzzCase.kind() + "] "
                                + problem.lines().findFirst().orElse("").replaceAll("\\(.*", ""),
                        k -> new AtomicInteger())
                .incrementAndGet();
        if (failures.size() < 200) {
            failures.add(problem + "\n  replay alone: SHOP_FUZZ_SEED=" + fuzzCase.seed() + " (its first case)\n  "
                    + fuzzCase);
        }
    }

    private String problemWith(FuzzCase fuzzCase, String examplePath, HttpApiResponse response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "a " + status + " answer to bad input";
        }
        if (fuzzCase.mustReject() && status < 400) {
            return "accepted input the contract rejects (" + status + ")";
        }
        if (status < 400) {
            return null;
        }
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "a " + status + " that is not problem+json (content-type " + type + ")";
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (Exception e) {
            return "a problem+json body that is not JSON";
        }
        if (body.path("status").asInt() != status || body.path("code").asText().isEmpty()) {
            return "a problem without the answer's status or a code";
        }
        try {
            contract.assertConforms(fuzzCase.method(), examplePath, response.toSimpleResponse());
        } catch (AssertionError e) {
            if (e.getMessage().contains("Response status " + status + " not defined")) {
                // Every status a service answers is in its contract (406 for an Accept it cannot serve too).
                undeclared
                        .computeIfAbsent(fuzzCase.operationId() + " " + status, s -> new AtomicInteger())
                        .incrementAndGet();
                return "a " + status + " the operation does not declare";
            }
            return "an answer that breaks the contract: "
                    + e.getMessage().lines().limit(4).toList();
        }
        if (body.path("code").asText().equals("VALIDATION_FAILED")) {
            JsonNode errors = body.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return "VALIDATION_FAILED without an errors list";
            }
            if (fuzzCase.wrong() != null && namesFieldOf(fuzzCase.kind())) {
                // as the service must name it: control characters replaced, long names cut
                String wrong = fuzzCase.wrong().toLowerCase(Locale.ROOT).replaceAll("[\\x00-\\x1F\\x7F]", "\uFFFD");
                boolean named = false;
                for (JsonNode error : errors) {
                    String field = error.path("field").asText().toLowerCase(Locale.ROOT);
                    named |= field.equals(wrong)
                            || wrong.length() > 150 && field.length() >= 150
                            || fuzzCase.kind().equals("extra-field") && field.endsWith("." + wrong)
                            || wrong.startsWith(field + ".")
                            || wrong.startsWith(field + "[")
                            || field.startsWith(wrong + ".")
                            || field.startsWith(wrong + "[");
                }
                if (!named) {
                    return "VALIDATION_FAILED does not name " + fuzzCase.wrong() + " in " + errors;
                }
            }
        }
        return null;
    }

    private static boolean namesFieldOf(String kind) {
        return kind.startsWith("field:")
                || kind.equals("missing-required")
                || kind.equals("extra-field")
                || kind.endsWith("-parameter")
                || kind.equals("missing-header");
    }

    /** Prints the figures and fails with every failing case, if any. */
    public void assertNoFailures() {
        long millis = (System.nanoTime() - started) / 1_000_000;
        int total =
                casesPerOperation.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println(suite + ": " + total + " cases in " + millis + " ms, seed " + seed
                + (FuzzSettings.soak() ? " (soak)" : "") + "\n  cases per operation " + casesPerOperation
                + "\n  answers by status " + statuses + "\n  statuses the operation does not declare " + undeclared
                + "\n  failures "
                + failureKinds.values().stream().mapToInt(AtomicInteger::get).sum());
        failureKinds.forEach((kind, count) -> System.out.println("  " + count + " x " + kind));
        if (!failures.isEmpty()) {
            failures.stream().limit(20).forEach(failure -> System.out.println("FAILED " + failure));
            throw new AssertionError(suite + ": "
                    + failureKinds.values().stream()
                            .mapToInt(AtomicInteger::get)
                            .sum() + " failing cases (seed " + seed + "), the first:\n"
                    + String.join("\n\n", failures.stream().limit(8).toList()));
        }
    }

    private static String shorten(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
