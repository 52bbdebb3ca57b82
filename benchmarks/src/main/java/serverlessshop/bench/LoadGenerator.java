package serverlessshop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The load generator, run in a process of its own so that its work (HTTP client, JSON, GC) is not
 * the measured JVMs' work: {@code LoadGenerator plan.json} sends the plan's requests with its
 * concurrency, closed loop (each client waits for its answer), and prints the {@link LoadPlan.Outcome}
 * of every variant as one JSON line. Bounded in time and in count; an error counts as status 0.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Past API Gateway's 30 s integration timeout: the gateway always answers first. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);
    /** However slow the cold starts, the warm-up ends after this. */
    private static final long WARMUP_LIMIT_NANOS = 180_000_000_000L;

    private final LoadPlan plan;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LoadGenerator(LoadPlan plan) {
        this.plan = plan;
    }

    public static void main(String[] args) throws Exception {
        LoadPlan plan = JSON.readValue(Path.of(args[0]).toFile(), LoadPlan.class);
        System.out.println(JSON.writeValueAsString(new LoadGenerator(plan).run()));
        System.exit(0);
    }

    private List<LoadPlan.Outcome> run() throws InterruptedException {
        int variants = plan.variants().size();
        List<List<Long>> latencies = new ArrayList<>();
        List<Map<Integer, AtomicInteger>> statuses = new ArrayList<>();
        for (int i = 0; i < variants; i++) {
            latencies.add(Collections.synchronizedList(new ArrayList<>()));
            statuses.add(new ConcurrentHashMap<>());
        }
        AtomicIntegerArray warmups = new AtomicIntegerArray(variants);
        AtomicIntegerArray recorded = new AtomicIntegerArray(variants);
        long start = System.nanoTime();
        long warmupUntil = start + (long) (plan.warmupSeconds() * 1e9);
        long[] window = new long[2]; // when recording starts and stops: set once every client has warmed up
        CyclicBarrier warmedUp = new CyclicBarrier(plan.concurrency(), () -> {
            window[0] = System.nanoTime();
            window[1] = window[0] + (long) (plan.seconds() * 1e9);
        });
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < plan.concurrency(); c++) {
            int client = c;
            clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                long sent = client; // clients start on different variants and requests
                int warm = 0;
                while (System.nanoTime() - start < WARMUP_LIMIT_NANOS
                        && (System.nanoTime() < warmupUntil || warm < plan.warmupRequests())) {
                    int variant = (int) (sent % variants);
                    send(plan.variants().get(variant), sent++, variants, client);
                    warmups.incrementAndGet(variant);
                    warm++;
                }
                try {
                    warmedUp.await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    return;
                }
                while (System.nanoTime() < window[1] && !allDone(recorded)) {
                    int variant = (int) (sent % variants);
                    long begin = System.nanoTime();
                    int status = send(plan.variants().get(variant), sent++, variants, client);
                    long micros = (System.nanoTime() - begin) / 1_000;
                    if (recorded.incrementAndGet(variant) <= plan.maxRequests()) {
                        latencies.get(variant).add(micros);
                        statuses.get(variant)
                                .computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    if (status == plan.stopOnStatus()) {
                        break;
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = Math.max(0, (Math.min(System.nanoTime(), window[1]) - window[0]) / 1e9);
        List<LoadPlan.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < variants; i++) {
            Map<Integer, Integer> counts = new TreeMap<>();
            statuses.get(i).forEach((status, count) -> counts.put(status, count.get()));
            outcomes.add(new LoadPlan.Outcome(
                    plan.variants().get(i).label(), warmups.get(i), counts, List.copyOf(latencies.get(i)), seconds));
        }
        return outcomes;
    }

    private boolean allDone(AtomicIntegerArray recorded) {
        for (int i = 0; i < recorded.length(); i++) {
            if (recorded.get(i) < plan.maxRequests()) {
                return false;
            }
        }
        return true;
    }

    /** The {@code sent}-th request of a client: variants in turn, each variant's requests in turn. */
    private int send(LoadPlan.Variant target, long sent, int variants, int client) {
        return send(
                target.baseUrl(),
                target.requests()
                        .get((int) ((sent / variants) % target.requests().size())),
                client);
    }

    private int send(String baseUrl, LoadPlan.Request request, int client) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(REQUEST_TIMEOUT)
                .method(
                        request.method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        List<Map<String, String>> own = plan.clientHeaders();
        if (own != null && !own.isEmpty()) {
            own.get(client % own.size()).forEach(builder::setHeader);
        }
        if (plan.uniqueHeader() != null) {
            builder.header(plan.uniqueHeader(), UUID.randomUUID().toString());
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return 0;
        }
    }
}
