package serverlessshop.bench.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import serverlessshop.products.client.ApiClient;

class TimingAutoConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TimingAutoConfiguration.class));

    @Test
    void theServicesDataSourceCountsAsDownstreamTime() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:autoconfiguration;DB_CLOSE_DELAY=-1");
        runner.withBean(DataSource.class, () -> h2).run(context -> {
            long begin = InvocationTiming.begin();
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                connection.createStatement().execute("SELECT 1");
            }
            assertThat(InvocationTiming.end(begin)).doesNotContain("downstream_calls=0");
        });
    }

    @Test
    void theProductsClientsCallsCountAndItsOwnInterceptorsStillRun() {
        List<String> seen = new ArrayList<>();
        runner.withBean(
                        ApiClient.class,
                        () -> new ApiClient()
                                .setRequestInterceptor(request -> seen.add("request"))
                                .setResponseInterceptor(response -> seen.add("response")))
                .run(context -> {
                    ApiClient client = context.getBean(ApiClient.class);
                    long begin = InvocationTiming.begin();
                    client.getRequestInterceptor().accept(HttpRequest.newBuilder());
                    Thread.sleep(5);
                    client.getResponseInterceptor().accept(null);
                    String line = InvocationTiming.end(begin);

                    assertThat(seen).containsExactly("request", "response");
                    assertThat(line).contains("downstream_calls=1");
                    assertThat(Long.parseLong(line.replaceAll(".*downstream_us=(\\d+).*", "$1")))
                            .isGreaterThanOrEqualTo(5_000);
                });
    }

    @Test
    void aFunctionWithoutTheProductsClientStarts() {
        runner.withClassLoader(new FilteredClassLoader(ApiClient.class))
                .run(context -> assertThat(context).hasNotFailed());
    }
}
