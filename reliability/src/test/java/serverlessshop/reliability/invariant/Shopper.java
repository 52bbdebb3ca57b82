package serverlessshop.reliability.invariant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that places an order as a careful shop would: one Idempotency-Key per order, the same
 * key and body again after a 5xx, a 409 REQUEST_IN_PROGRESS or a cut connection, until it gets an
 * answer that settles it (201, or a refusal such as 409 INSUFFICIENT_STOCK) or runs out of tries.
 * Now and then it sends a placed order again (a double submit) or cancels it. Everything the shop
 * answered is written down, for the checks afterwards.
 */
final class Shopper {

    /** The street of every order's shipping address: the log scan looks for it. */
    static final String STREET = "1 Fault Lane";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One order a client tried to place, and what it was told. */
    record Attempt(String customer, String key, Map<String, Integer> units) {}

    private final String baseUrl;
    private final int maxTries;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger doubleSubmits = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    /** What each attempt ended with: "201", "409 INSUFFICIENT_STOCK", "gave up after 503 ..." */
    final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    /** Every order id a 2xx named, per Idempotency-Key. */
    final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    /** Every answer, by status and problem code ("0" when none came: the connection was cut). */
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    /** Orders whose cancel was answered 200. */
    final ConcurrentLinkedQueue<String> cancelled = new ConcurrentLinkedQueue<>();
    /** Answers no careful client should ever get (422 for its own retry, a 4xx for a valid order). */
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    Shopper(String baseUrl, int maxTries) {
        this.baseUrl = baseUrl;
        this.maxTries = maxTries;
    }

    void place(Attempt attempt, String token, Random random) throws InterruptedException {
        String body = body(attempt.units());
        String last = "nothing";
        for (int attempt1 = 0; attempt1 < maxTries; attempt1++) {
            if (attempt1 > 0) {
                retries.incrementAndGet();
                Thread.sleep(150L * attempt1 + random.nextInt(100));
            }
            Answer answer = post(attempt, token, body);
            last = answer.describe();
            if (answer.status() == 201 || answer.status() == 200) {
                String orderId = answer.json().path("order_id").asText();
                record(attempt.key(), orderId);
                outcome("201 placed");
                if (random.nextInt(5) == 0) {
                    doubleSubmit(attempt, token, body);
                }
                if (random.nextInt(6) == 0) {
                    cancel(attempt.customer(), orderId, token);
                }
                return;
            }
            if (answer.settles()) {
                outcome(answer.describe());
                if (!answer.expectedRefusal()) {
                    unexpected.add(attempt.key() + ": " + answer.describe() + " " + answer.body());
                }
                return;
            }
        }
        outcome("gave up after " + maxTries + " tries, last " + last);
    }

    private void doubleSubmit(Attempt attempt, String token, String body) {
        doubleSubmits.incrementAndGet();
        Answer again = post(attempt, token, body);
        if (again.status() == 201 || again.status() == 200) {
            record(attempt.key(), again.json().path("order_id").asText());
        } else if (again.status() == 422
                || (again.status() >= 400 && again.status() < 500 && again.status() != 409 && again.status() != 429)) {
            unexpected.add(attempt.key() + ": the same order sent again got " + again.describe() + " " + again.body());
        }
    }

    private void cancel(String customer, String orderId, String token) throws InterruptedException {
        cancels.incrementAndGet();
        for (int tries = 0; tries < maxTries; tries++) {
            Answer answer =
                    send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + orderId + "?customer_id=" + customer))
                            .header("Authorization", token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"order_status\":\"CANCELLED\"}")));
            if (answer.status() == 200) {
                cancelled.add(orderId);
                return;
            }
            if (tries > 0 && answer.status() == 409 && answer.body().contains("CANCELLED cannot become")) {
                // An earlier try was made but its answer lost (a 5xx or a cut connection): cancelled already.
                cancelled.add(orderId);
                return;
            }
            if (answer.status() < 500 && answer.status() != 0 && answer.status() != 429) {
                unexpected.add(orderId + ": cancel got " + answer.describe() + " " + answer.body());
                return;
            }
            Thread.sleep(200L * (tries + 1));
        }
    }

    private Answer post(Attempt attempt, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", attempt.key())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpRequest.Builder request) {
        requests.incrementAndGet();
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(45)).build(), HttpResponse.BodyHandlers.ofString());
            return counted(new Answer(response.statusCode(), response.body()));
        } catch (IOException e) {
            return counted(new Answer(0, e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    private Answer counted(Answer answer) {
        answers.computeIfAbsent(answer.describe(), k -> new AtomicInteger()).incrementAndGet();
        return answer;
    }

    private void record(String key, String orderId) {
        acknowledged
                .computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(orderId);
    }

    private void outcome(String what) {
        outcomes.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static String body(Map<String, Integer> units) {
        StringBuilder items = new StringBuilder();
        units.forEach((product, quantity) -> items.append(items.isEmpty() ? "" : ",")
                .append("{\"product_id\":\"")
                .append(product)
                .append("\",\"quantity\":")
                .append(quantity)
                .append('}'));
        return "{\"items\":[" + items + "],\"shipping_address\":{\"street\":\"" + STREET + "\",\"city\":\"Jepsen\","
                + "\"zip_code\":\"12345\",\"country\":\"US\"}}";
    }

    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        String code() {
            return json().path("code").asText("");
        }

        /** An answer a retry with the same key would not change. */
        boolean settles() {
            return status >= 400
                    && status < 500
                    && status != 429
                    && !(status == 409 && code().equals("REQUEST_IN_PROGRESS"));
        }

        boolean expectedRefusal() {
            return status == 409 && code().equals("INSUFFICIENT_STOCK");
        }

        String describe() {
            return status == 0 ? "no answer (" + body + ")" : status + (code().isEmpty() ? "" : " " + code());
        }
    }
}
