package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.STOCK_RESERVATIONS;
import static serverlessshop.products.db.Tables.STOCK_RESERVATION_ITEMS;
import static serverlessshop.products.stock.StockApi.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.api.model.StockShortage;

/**
 * Many requests at the same moment (a start gate), on the real database and its connection pool:
 * no oversell, and a reservation id takes stock once however often it is sent.
 */
@WholeProductsServiceOnMutableClock
class ConcurrentReservationsTest {

    @Autowired
    StockApi api;

    @Autowired
    DSLContext db;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ReservationMaker maker;

    @Test
    void fiftyBuyersOfTheLastTenUnitsGetTenReservationsAndNoMore() throws Exception {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        List<UUID> ids = IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID()).toList();
        String body = api.write(request(lamp, 1));
        AtomicInteger lowestStock = new AtomicInteger(Integer.MAX_VALUE);
        AtomicBoolean racing = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (racing.get()) {
                lowestStock.accumulateAndGet(stockInDatabase(lamp), Math::min);
            }
        });

        List<MvcResult> results;
        try {
            results = race(ids.stream().map(id -> api.reserveRequest(id, body)).toList());
        } finally {
            racing.set(false);
            watcher.join();
        }

        Map<Integer, Long> statuses = results.stream()
                .collect(Collectors.groupingBy(result -> result.getResponse().getStatus(), Collectors.counting()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 10L, 409, 40L));
        results.stream()
                .filter(result -> result.getResponse().getStatus() == 409)
                .map(api::problem)
                .forEach(problem -> {
                    assertThat(problem.getCode()).isEqualTo("INSUFFICIENT_STOCK");
                    assertThat(problem.getShortages())
                            .extracting(
                                    StockShortage::getProductId,
                                    StockShortage::getRequested,
                                    StockShortage::getAvailable)
                            .containsExactly(tuple(UUID.fromString(lamp), 1, 0));
                });
        assertThat(api.stockOf(lamp)).isZero();
        assertThat(lowestStock.get()).isGreaterThanOrEqualTo(0);
        assertThat(db.select(DSL.sum(STOCK_RESERVATION_ITEMS.QUANTITY))
                        .from(STOCK_RESERVATION_ITEMS)
                        .where(STOCK_RESERVATION_ITEMS.RESERVATION_ID.in(
                                ids.stream().map(UUID::toString).toList()))
                        .fetchOne(0, Integer.class))
                .isEqualTo(10);
        assertThat(db.fetchCount(
                        STOCK_RESERVATIONS,
                        STOCK_RESERVATIONS.RESERVATION_ID.in(
                                ids.stream().map(UUID::toString).toList())))
                .isEqualTo(10);
    }

    @Test
    void twentyCopiesOfOneReserveTakeTheStockOnce() throws Exception {
        // The copies after the first find enough stock, take it, and hit the primary key.
        assertTwentyCopiesTakeTheStockOnce(5, 2);
    }

    @Test
    void twentyCopiesOfOneReserveForTheLastUnitsTakeThemOnce() throws Exception {
        // The copies after the first find no stock left: taken by the first, so they are repeats.
        assertTwentyCopiesTakeTheStockOnce(2, 2);
    }

    private void assertTwentyCopiesTakeTheStockOnce(int stock, int quantity) throws Exception {
        String lamp = api.newProduct("Desk lamp", "39.90", stock);
        long versionBefore = versionInDatabase(lamp);
        UUID id = UUID.randomUUID();
        String body = api.write(request(lamp, quantity));

        List<MvcResult> results = race(IntStream.range(0, 20)
                .mapToObj(i -> api.reserveRequest(id, body))
                .toList());

        assertThat(results)
                .extracting(result -> result.getResponse().getStatus())
                .containsOnly(200, 201)
                .filteredOn(status -> status == 201)
                .hasSize(1);
        List<Reservation> answers = results.stream().map(api::reservation).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        assertThat(answers.getFirst().getStatus()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(api.stockOf(lamp)).isEqualTo(stock - quantity);
        assertThat(versionInDatabase(lamp)).isEqualTo(versionBefore + 1);
        assertThat(db.fetchCount(STOCK_RESERVATIONS, STOCK_RESERVATIONS.RESERVATION_ID.eq(id.toString())))
                .isOne();
        assertThat(db.fetchCount(STOCK_RESERVATION_ITEMS, STOCK_RESERVATION_ITEMS.RESERVATION_ID.eq(id.toString())))
                .isOne();
    }

    @Test
    void twentyCopiesOfOneReserveThatCannotBeMetAreAllRefused() throws Exception {
        String lamp = api.newProduct("Desk lamp", "39.90", 1);
        UUID id = UUID.randomUUID();
        String body = api.write(request(lamp, 2));

        // Each copy waits for the one before it, which is refused and rolls back.
        List<MvcResult> results = race(IntStream.range(0, 20)
                .mapToObj(i -> api.reserveRequest(id, body))
                .toList());

        assertThat(results).allSatisfy(result -> {
            assertThat(result.getResponse().getStatus()).isEqualTo(409);
            assertThat(api.problem(result).getCode()).isEqualTo("INSUFFICIENT_STOCK");
        });
        assertThat(api.stockOf(lamp)).isEqualTo(1);
        assertThat(db.fetchCount(STOCK_RESERVATIONS, STOCK_RESERVATIONS.RESERVATION_ID.eq(id.toString())))
                .isZero();
    }

    @Test
    void confirmsAndReleasesOfOneReservationAtOnceReturnTheStockOnce() throws Exception {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        UUID id = UUID.randomUUID();
        api.reserve(id, request(lamp, 3));
        long versionWhileHeld = versionInDatabase(lamp);
        String path = "/products/stock-reservations/" + id;
        List<MockHttpServletRequestBuilder> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(StockApi.direct(MockMvcRequestBuilders.post(path + "/confirm")));
            requests.add(StockApi.direct(MockMvcRequestBuilders.post(path + "/release")));
        }

        List<MvcResult> results = race(requests);

        for (MvcResult result : results) {
            if (result.getRequest().getRequestURI().endsWith("/release")) {
                assertThat(result.getResponse().getStatus()).isEqualTo(200);
                assertThat(api.reservation(result).getStatus()).isEqualTo(ReservationStatus.RELEASED);
            } else if (result.getResponse().getStatus() == 200) {
                assertThat(api.reservation(result).getStatus()).isEqualTo(ReservationStatus.CONFIRMED);
            } else {
                assertThat(result.getResponse().getStatus()).isEqualTo(409);
                assertThat(api.problem(result).getCode()).isEqualTo("RESERVATION_CLOSED");
            }
        }
        assertThat(api.reservation(api.getReservation(id)).getStatus()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(api.stockOf(lamp)).isEqualTo(10);
        assertThat(versionInDatabase(lamp)).isEqualTo(versionWhileHeld + 1);
    }

    @Test
    void releasesOfAnUnknownIdAtOnceRecordItOnce() throws Exception {
        UUID id = UUID.randomUUID();
        String path = "/products/stock-reservations/" + id + "/release";

        List<MvcResult> results = race(IntStream.range(0, 20)
                .mapToObj(i -> StockApi.direct(MockMvcRequestBuilders.post(path)))
                .toList());

        assertThat(results).allSatisfy(result -> {
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            assertThat(api.reservation(result).getStatus()).isEqualTo(ReservationStatus.RELEASED);
        });
        assertThat(db.fetchCount(STOCK_RESERVATIONS, STOCK_RESERVATIONS.RESERVATION_ID.eq(id.toString())))
                .isOne();
    }

    @Test
    void aReleaseArrivingWhileItsReserveIsStillRunningWaitsForItAndReturnsTheStock() throws Exception {
        String lamp = api.newProduct("Desk lamp", "39.90", 10);
        UUID id = UUID.randomUUID();
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch releaseSent = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // The real reserve, its commit held back until the release is under way.
            Future<?> reserve = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                maker.make(id, RequestedItems.of(request(lamp, 4).getItems()), 600);
                reserved.countDown();
                await(releaseSent);
            }));
            assertThat(reserved.await(10, TimeUnit.SECONDS)).isTrue();
            Future<MvcResult> release = threads.submit(() -> api.send(
                    StockApi.direct(MockMvcRequestBuilders.post("/products/stock-reservations/" + id + "/release"))));
            Thread.sleep(300);
            assertThat(release).as("the release waits for the reserve's row").isNotDone();
            releaseSent.countDown();
            reserve.get(10, TimeUnit.SECONDS);

            MvcResult released = release.get(10, TimeUnit.SECONDS);

            StockApi.CONTRACT.assertConforms(released.getRequest(), released.getResponse());
            assertThat(released.getResponse().getStatus()).isEqualTo(200);
            assertThat(api.reservation(released).getStatus()).isEqualTo(ReservationStatus.RELEASED);
            assertThat(api.reservation(released).getItems()).hasSize(1);
            assertThat(api.stockOf(lamp)).isEqualTo(10);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Sends all requests at the same moment, each on its own thread; checks every answer against the contract. */
    private List<MvcResult> race(List<MockHttpServletRequestBuilder> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<MvcResult>> pending = requests.stream()
                    .map(request -> threads.submit(() -> {
                        gate.await();
                        return api.send(request);
                    }))
                    .toList();
            gate.countDown();
            List<MvcResult> results = new ArrayList<>();
            for (Future<MvcResult> result : pending) {
                results.add(result.get(60, TimeUnit.SECONDS));
            }
            // The validator is not made for threads: check the answers here, one after the other.
            for (MvcResult result : results) {
                StockApi.CONTRACT.assertConforms(result.getRequest(), result.getResponse());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int stockInDatabase(String productId) {
        return db.select(PRODUCTS.STOCK_QUANTITY)
                .from(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(productId))
                .fetchSingle(PRODUCTS.STOCK_QUANTITY);
    }

    private long versionInDatabase(String productId) {
        return db.select(PRODUCTS.VERSION)
                .from(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.eq(productId))
                .fetchSingle(PRODUCTS.VERSION);
    }
}
