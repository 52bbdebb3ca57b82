package serverlessshop.bench;

import java.util.List;
import java.util.Map;

/**
 * What the load generator sends, written by the harness as JSON for the generator's own process.
 * Variants are served in turn (A, B, A, B... per client), so that two things compared in one run see
 * the same noise: two stacks, or page 1 and page 1000.
 *
 * @param concurrency   clients sending at once, each waiting for its answer before the next request
 * @param warmupSeconds requests sent first and not recorded (JIT, connection pools, caches, cold starts)
 * @param warmupRequests and at least this many per client, however long they take (a cold start can
 *                      outlast the warm-up seconds); every client has warmed up before any records
 * @param seconds       how long the recorded part lasts at most
 * @param maxRequests   how many recorded requests per variant at most
 * @param uniqueHeader  a header given a fresh UUID on every request (Idempotency-Key), or null
 * @param stopOnStatus  a client stops once it gets this answer in the recorded part (a sale's 409: sold
 *                      out), or 0: it never stops early
 * @param clientHeaders headers of each client's own (client c sends those at c modulo their count, over
 *                      the request's), e.g. one signed-in customer per client; empty: none
 */
record LoadPlan(
        List<Variant> variants,
        int concurrency,
        double warmupSeconds,
        int warmupRequests,
        double seconds,
        int maxRequests,
        String uniqueHeader,
        int stopOnStatus,
        List<Map<String, String>> clientHeaders) {

    LoadPlan(
            List<Variant> variants,
            int concurrency,
            double warmupSeconds,
            int warmupRequests,
            double seconds,
            int maxRequests,
            String uniqueHeader) {
        this(variants, concurrency, warmupSeconds, warmupRequests, seconds, maxRequests, uniqueHeader, 0, List.of());
    }

    /** Requests to one base URL, sent in order and round again. */
    record Variant(String label, String baseUrl, List<Request> requests) {}

    record Request(String method, String path, Map<String, String> headers, String body) {}

    /** What the generator measured for one variant; latencies of recorded requests, in microseconds. */
    record Outcome(
            String label, int warmup, Map<Integer, Integer> statuses, List<Long> latenciesMicros, double seconds) {

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        int successes() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() / 100 == 2)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        Samples latencies() {
            return Samples.of(latenciesMicros);
        }
    }
}
