package serverlessshop.reliability.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import serverlessshop.bench.BenchDatabase;
import serverlessshop.bench.FreePorts;
import serverlessshop.reliability.faults.DynamoDbFaults;
import serverlessshop.reliability.faults.FaultCounts;
import serverlessshop.reliability.faults.FaultProxy;
import serverlessshop.reliability.faults.ProductsFaults;
import serverlessshop.reliability.stack.Ledger;
import serverlessshop.reliability.stack.ShopStack;
import serverlessshop.reliability.stack.Suite;
import serverlessshop.support.testing.logs.SensitiveLogScanner;

/**
 * The order saga's invariant, in the spirit of Jepsen's bank test: many clients order a few hot
 * products with little stock, through the real local cloud (MariaDB for products, DynamoDB Local for
 * orders), while faults hit every step of the saga: function processes killed mid-request, products
 * unreachable from orders or its answers lost, DynamoDB writes failed, throttled or made with their
 * answer lost, clients retrying with the same Idempotency-Key. Then, once the system has done what it
 * does by itself (the pending-releases job, reservation expiry and the sweep), the databases are read
 * directly and for every product: stock never negative, and what left the stock is exactly what
 * non-cancelled orders hold plus live reservations; no reservation past its expiry; no
 * Idempotency-Key with two orders; no order a client was told of missing.
 */
class ConsistencyInvariantTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shortest products accepts: reservations cut off by a fault expire within the run's wait. */
    private static final int RESERVATION_TTL_SECONDS = 30;
    /** How long the events of the run's last changes may take to reach the bus after the run. */
    private static final int EVENTS_SETTLE_SECONDS = 60;

    private static final long SEED = Long.getLong("shop.seed", System.nanoTime());

    private final int attempts = Suite.scaled(60, 1_500);
    private final int clients = Suite.scaled(6, 16);
    private final int products = 3;
    private final int stockEach = Suite.scaled(20, 300);
    private final double productsFaultRate = Suite.scaled(5, 5) / 100.0;
    private final double dynamoDbFaultRate = Suite.scaled(8, 8) / 100.0;
    private final Duration chaosEvery = Duration.ofMillis(Suite.scaled(2_000, 2_000));

    @Test
    void noOversellNoLostOrderNoLostStockUnderFaults() throws Exception {
        Suite.requireBuilt();
        BenchDatabase database =
                new BenchDatabase(System.getenv(), "reliability_invariant_" + Long.toHexString(System.nanoTime()));
        try {
            database.recreate();
        } catch (SQLException e) {
            Suite.require(
                    false, "the MariaDB/MySQL server of MYSQL_URL (default 127.0.0.1:3306, root): " + e.getMessage());
        }
        System.out.println("invariant: seed " + SEED + " (-Dshop.seed=" + SEED + " repeats the client's choices)");
        Random random = new Random(SEED);
        FaultCounts faults = new FaultCounts();
        ProductsFaults productsFaults = new ProductsFaults(random.nextLong(), productsFaultRate);
        DynamoDbFaults dynamoDbFaults = new DynamoDbFaults(random.nextLong(), dynamoDbFaultRate);
        Map<String, String> productsDb = Map.of(
                "PRODUCTS_DB_URL",
                database.functionUrl(),
                "PRODUCTS_DB_USER",
                database.user(),
                "PRODUCTS_DB_PASSWORD",
                database.password());
        long begin = System.nanoTime();
        int lambdaPort = FreePorts.one();
        try (FaultProxy productsProxy = FaultProxy.start(faults, productsFaults);
                FaultProxy dynamoDbProxy = FaultProxy.start(faults, dynamoDbFaults);
                ShopStack stack = ShopStack.start(
                        "invariant",
                        Suite.workDir("invariant"),
                        2,
                        productsDb,
                        Map.of(
                                // Orders reaches products (its direct invocations, through the stack's Lambda
                                // API) and its table through the fault proxies; nothing else does.
                                "AWS_ENDPOINT_URL_LAMBDA", productsProxy.url(),
                                "ORDERS_DYNAMODB_ENDPOINT", dynamoDbProxy.url(),
                                "PRODUCTS_RESERVATION_TTL_SECONDS", String.valueOf(RESERVATION_TTL_SECONDS)),
                        Map.of("SHOP_LAMBDA_PORT", String.valueOf(lambdaPort)))) {
            productsProxy.upstream(lambdaPort);
            dynamoDbProxy.upstream(URI.create(stack.dynamoDbEndpoint()).getPort());

            Map<String, Integer> initial = createHotProducts(stack);
            List<String> customers = List.of("ada", "bob", "cyd", "dee", "eve", "fay");
            Map<String, String> tokens = new HashMap<>();
            for (String customer : customers) {
                tokens.put(customer, stack.token(customer));
            }
            List<Shopper.Attempt> plan = plan(random, customers, List.copyOf(initial.keySet()));

            Shopper shopper = new Shopper(stack.baseUrl(), 8);
            Chaos chaos = new Chaos(stack, faults, productsFaults, dynamoDbFaults, new Random(random.nextLong()));
            Thread chaosThread = Thread.ofPlatform().name("chaos").start(() -> chaos.run(chaosEvery));
            long loadBegin = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> running = new ArrayList<>();
                AtomicInteger next = new AtomicInteger();
                for (int c = 0; c < clients; c++) {
                    Random clientRandom = new Random(random.nextLong());
                    running.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < plan.size()) {
                            Shopper.Attempt attempt = plan.get(i);
                            shopper.place(attempt, tokens.get(attempt.customer()), clientRandom);
                        }
                        return null;
                    }));
                }
                for (Future<?> done : running) {
                    done.get(15, TimeUnit.MINUTES);
                }
            } finally {
                chaos.stop();
                chaosThread.join();
            }
            long loadSeconds = (System.nanoTime() - loadBegin) / 1_000_000_000;

            // What the system does by itself after the storm, as in AWS, once every reservation made
            // during the run is past its expiry: the orders pending-releases schedule (pending releases
            // of cancelled orders, placed orders never confirmed), then the products sweep schedule.
            // Past the expiry of every reservation of the run, and past the age at which the job takes
            // an order still PENDING for one whose attempt died.
            System.out.println("invariant: waiting " + (RESERVATION_TTL_SECONDS + 1) + " s: every reservation of the"
                    + " run expires, every order is older than an attempt in progress");
            Thread.sleep(Duration.ofSeconds(RESERVATION_TTL_SECONDS + 1));
            String releases = stack.releasePendingStock();
            String sweep = stack.sweepReservations();

            // The events of the run's last changes are on their way (the stream is read a few times a
            // second, a function may be starting): wait until they say what the table says, or time out.
            awaitEventsOfEveryChange(stack);
            Checks checks = Checks.of(initial, database, stack, shopper);
            long seconds = (System.nanoTime() - begin) / 1_000_000_000;
            report(plan.size(), shopper, faults, checks, releases, sweep, loadSeconds, seconds);
            assertThat(checks.violations())
                    .as("violations of the invariant (see the report above)")
                    .isEmpty();
            assertThat(shopper.unexpected)
                    .as("answers no careful client should get")
                    .isEmpty();
            assertThat(faults.total()).as("faults injected").isGreaterThan(0);
            assertThat(checks.ordersPlaced())
                    .as("orders placed: the run must have sold something")
                    .isGreaterThan(0);
            // Every function's log of the run: no token, secret, password or shipping address in any line.
            SensitiveLogScanner.standard().withAddresses(Shopper.STREET).assertClean(stack.log());
        } finally {
            database.drop();
        }
    }

    /** Orders of one or two of the hot products, one to three units each, spread over the customers. */
    private List<Shopper.Attempt> plan(Random random, List<String> customers, List<String> productIds) {
        List<Shopper.Attempt> plan = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Map<String, Integer> units = new LinkedHashMap<>();
            int lines = 1 + random.nextInt(2);
            for (int l = 0; l < lines; l++) {
                units.merge(productIds.get(random.nextInt(productIds.size())), 1 + random.nextInt(3), Integer::sum);
            }
            plan.add(new Shopper.Attempt(customers.get(random.nextInt(customers.size())), Shopper.newKey(), units));
        }
        return plan;
    }

    private Map<String, Integer> createHotProducts(ShopStack stack) throws Exception {
        String admin = stack.adminToken("admin");
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Integer> initial = new LinkedHashMap<>();
        for (int i = 1; i <= products; i++) {
            String body = "{\"sku\":\"HOT-" + i + "\",\"name\":\"Hot product " + i + "\",\"price\":9.99,"
                    + "\"stock_quantity\":" + stockEach + "}";
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(stack.adminBaseUrl() + "/products"))
                            .header("Authorization", admin)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode())
                    .as("creating a product: %s", created.body())
                    .isEqualTo(201);
            initial.put(JSON.readTree(created.body()).path("product_id").asText(), stockEach);
        }
        return initial;
    }

    private static void awaitEventsOfEveryChange(ShopStack stack) throws Exception {
        long deadline =
                System.nanoTime() + Duration.ofSeconds(EVENTS_SETTLE_SECONDS).toNanos();
        while (!eventViolations(
                        Ledger.orders(stack.dynamoDbEndpoint(), "orders"), Ledger.lastEvents(stack.eventArchive()))
                .isEmpty()) {
            if (System.nanoTime() > deadline) {
                return; // the checks name what is missing
            }
            Thread.sleep(500);
        }
    }

    /**
     * Every placed order's latest event (greatest sequence) is the event of its status; an order that is
     * gone (a placement undone after its attempt died) was last said to be cancelled.
     */
    static List<String> eventViolations(List<Ledger.OrderItem> items, Map<String, Ledger.LastEvent> lastEvents) {
        List<String> violations = new ArrayList<>();
        Set<String> inTable = new HashSet<>();
        for (Ledger.OrderItem order : items) {
            inTable.add(order.orderId());
            if (!order.placed()) {
                continue;
            }
            Ledger.LastEvent last = lastEvents.get(order.orderId());
            if (last == null) {
                violations.add("order " + order.orderId() + " is " + order.status() + " but no event of it was"
                        + " published");
            } else if (!last.status().equals(order.status())) {
                violations.add("order " + order.orderId() + " is " + order.status() + " but its last event is "
                        + last.eventType() + " (" + last.status() + ", sequence " + last.sequence() + ")");
            }
        }
        lastEvents.forEach((orderId, last) -> {
            if (!inTable.contains(orderId) && !"CANCELLED".equals(last.status())) {
                violations.add("order " + orderId + " is gone but its last event is " + last.eventType());
            }
        });
        return violations;
    }

    private void report(
            int attempted,
            Shopper shopper,
            FaultCounts faults,
            Checks checks,
            String releases,
            String sweep,
            long loadSeconds,
            long seconds) {
        StringBuilder out = new StringBuilder("\n=== consistency invariant (" + (Suite.soak() ? "long" : "short")
                + " version, seed " + SEED + ") ===\n");
        out.append(String.format(
                "attempts            %d orders by %d clients on %d products of %d units (%d s of load,"
                        + " %d s in all)%n",
                attempted, clients, products, stockEach, loadSeconds, seconds));
        out.append(String.format(
                "requests            %d (%d retries with the same Idempotency-Key, %d double submits,"
                        + " %d cancels)%n",
                shopper.requests.get(), shopper.retries.get(), shopper.doubleSubmits.get(), shopper.cancels.get()));
        out.append(String.format(
                "orders              %d placed (%d cancelled), %d units sold of %d%n",
                checks.ordersPlaced(), checks.ordersCancelled(), checks.unitsSold(), checks.unitsAtStart()));
        out.append("answers by status   ");
        new TreeMap<>(shopper.answers)
                .forEach((what, count) ->
                        out.append(count).append(" × ").append(what).append("; "));
        out.append("\noutcomes            ");
        new TreeMap<>(shopper.outcomes)
                .forEach((what, count) ->
                        out.append(count).append(" × ").append(what).append("; "));
        out.append(String.format("%nfaults injected     %d in all%n", faults.total()));
        faults.byKind().forEach((kind, count) -> out.append(String.format("  %5d  %s%n", count, kind)));
        out.append("after the run       orders-pending-releases ")
                .append(releases)
                .append(", products-sweep ")
                .append(sweep)
                .append('\n');
        out.append(String.format(
                "left in DynamoDB    %d abandoned claims (attempts cut short; never shown to anyone)%n",
                checks.claimsLeft()));
        out.append(String.format(
                "order events        %d on the bus (deliveries again included), each order's last one its"
                        + " status unless a violation says otherwise%n",
                checks.events()));
        out.append("per product         ");
        checks.perProduct().forEach(line -> out.append(line).append("\n                    "));
        out.append(
                String.format("%nviolations          %d%n", checks.violations().size()));
        checks.violations().forEach(v -> out.append("  VIOLATION ").append(v).append('\n'));
        shopper.unexpected.forEach(u -> out.append("  UNEXPECTED ").append(u).append('\n'));
        System.out.println(out);
    }

    /** The checks of the databases after the run. */
    record Checks(
            List<String> violations,
            List<String> perProduct,
            int ordersPlaced,
            int ordersCancelled,
            int unitsSold,
            int unitsAtStart,
            int claimsLeft,
            int events) {

        static Checks of(Map<String, Integer> initial, BenchDatabase database, ShopStack stack, Shopper shopper)
                throws Exception {
            String url = database.functionUrl();
            Map<String, Integer> stock = Ledger.stock(url, database.user(), database.password());
            List<Ledger.Reservation> reservations = Ledger.reservations(url, database.user(), database.password());
            LocalDateTime now = Ledger.databaseNow(url, database.user(), database.password());
            List<Ledger.OrderItem> items = Ledger.orders(stack.dynamoDbEndpoint(), "orders");
            List<Ledger.OrderItem> placed =
                    items.stream().filter(Ledger.OrderItem::placed).toList();
            List<Ledger.OrderItem> live =
                    placed.stream().filter(o -> !"CANCELLED".equals(o.status())).toList();
            Map<String, Ledger.Reservation> byId =
                    reservations.stream().collect(Collectors.toMap(Ledger.Reservation::id, r -> r));

            List<String> violations = new ArrayList<>();
            List<String> perProduct = new ArrayList<>();
            int sold = 0;
            for (Map.Entry<String, Integer> product : initial.entrySet()) {
                String id = product.getKey();
                int start = product.getValue();
                int now1 = stock.getOrDefault(id, Integer.MIN_VALUE);
                int active = reservations.stream()
                        .filter(r -> r.status().equals("RESERVED"))
                        .mapToInt(r -> r.units().getOrDefault(id, 0))
                        .sum();
                int ordered = live.stream()
                        .mapToInt(o -> o.units().getOrDefault(id, 0))
                        .sum();
                sold += ordered;
                perProduct.add(String.format(
                        "%s: start %d, now %d, in live reservations %d, in non-cancelled orders %d",
                        id, start, now1, active, ordered));
                if (now1 < 0) {
                    violations.add("product " + id + ": stock " + now1 + " < 0");
                }
                if (start - now1 - active != ordered) {
                    violations.add(String.format(
                            "product %s: initial %d - final %d - active reservations %d = %d, but"
                                    + " non-cancelled orders hold %d",
                            id, start, now1, active, start - now1 - active, ordered));
                }
            }
            for (Ledger.Reservation reservation : reservations) {
                if (reservation.status().equals("RESERVED")
                        && reservation.expiresAt() != null
                        && reservation.expiresAt().isBefore(now)) {
                    violations.add("reservation " + reservation.id() + " is still RESERVED, expired at "
                            + reservation.expiresAt() + " (now " + now + ")");
                }
            }
            for (Ledger.OrderItem order : live) {
                Ledger.Reservation reservation = byId.get(order.reservationId());
                if (reservation == null || !reservation.status().equals("CONFIRMED")) {
                    violations.add(
                            "order " + order.orderId() + " (" + order.status() + ", key " + order.idempotencyKey()
                                    + ") holds no stock: its reservation " + order.reservationId() + " is "
                                    + (reservation == null ? "missing" : reservation.status()));
                }
            }
            for (Ledger.OrderItem order : placed) {
                if (order.releasePending()) {
                    violations.add("order " + order.orderId() + " is still marked stock_release_pending after the"
                            + " pending-releases job");
                }
            }
            placed.stream()
                    .collect(Collectors.groupingBy(
                            o -> o.customerId() + "/" + o.idempotencyKey(), Collectors.counting()))
                    .forEach((key, count) -> {
                        if (count > 1) {
                            violations.add("Idempotency-Key " + key + " produced " + count + " orders");
                        }
                    });
            Set<String> placedIds =
                    placed.stream().map(Ledger.OrderItem::orderId).collect(Collectors.toSet());
            shopper.acknowledged.forEach((key, ids) -> {
                if (Set.copyOf(ids).size() > 1) {
                    violations.add("Idempotency-Key " + key + " was answered with different orders " + Set.copyOf(ids));
                }
                for (String id : Set.copyOf(ids)) {
                    if (!placedIds.contains(id)) {
                        violations.add("order " + id + " (key " + key + ") was answered 201 but is not in DynamoDB");
                    }
                }
            });
            for (String id : shopper.cancelled) {
                if (live.stream().anyMatch(o -> o.orderId().equals(id))) {
                    violations.add("order " + id + " was answered cancelled but is not CANCELLED in DynamoDB");
                }
            }
            Map<String, Ledger.LastEvent> lastEvents = Ledger.lastEvents(stack.eventArchive());
            violations.addAll(eventViolations(items, lastEvents));
            int events = lastEvents.values().stream()
                    .mapToInt(Ledger.LastEvent::events)
                    .sum();
            int claims = (int) items.stream().filter(o -> !o.placed()).count();
            return new Checks(
                    violations,
                    perProduct,
                    placed.size(),
                    placed.size() - live.size(),
                    sold,
                    initial.values().stream().mapToInt(Integer::intValue).sum(),
                    claims,
                    events);
        }
    }
}
