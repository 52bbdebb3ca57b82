package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator in its own process, as the harness runs it, against a shop of 5 units. */
class LoadGeneratorTest {

    @TempDir
    Path workDir;

    @Test
    void eachClientSendsItsOwnHeadersAndStopsAtItsFirstSoldOut() throws Exception {
        AtomicInteger units = new AtomicInteger(5);
        Set<String> authorizations = ConcurrentHashMap.newKeySet();
        HttpServer shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/orders", exchange -> {
            authorizations.addAll(exchange.getRequestHeaders().get("Authorization"));
            int status = units.getAndDecrement() > 0 ? 201 : 409;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        shop.start();
        try {
            String baseUrl = "http://127.0.0.1:" + shop.getAddress().getPort();
            LoadPlan.Outcome sale = new Load(workDir)
                    .run(new LoadPlan(
                            List.of(new LoadPlan.Variant("sale", baseUrl, List.of(Orders.post("{}", "Bearer nobody")))),
                            2,
                            0,
                            0,
                            60,
                            1_000,
                            "Idempotency-Key",
                            409,
                            List.of(Map.of("Authorization", "Bearer a"), Map.of("Authorization", "Bearer b"))))
                    .getFirst();

            assertThat(authorizations).containsExactlyInAnyOrder("Bearer a", "Bearer b");
            // Without the stop, both clients would keep hearing 409 for the whole minute.
            assertThat(sale.statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(201, 5, 409, 2));
        } finally {
            shop.stop(0);
        }
    }
}
