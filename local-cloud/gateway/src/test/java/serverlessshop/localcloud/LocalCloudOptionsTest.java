package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalCloudOptionsTest {

    @Test
    void defaults() {
        LocalCloudOptions options = LocalCloudOptions.parse(new String[] {"--repo", "/repo"}, Map.of());
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.dynamoDbPort()).isEqualTo(8000);
        assertThat(options.s3Port()).as("a free one").isZero();
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(options.inMemory()).isFalse();
        assertThat(options.seed()).isTrue();
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        Map<String, String> env = Map.of(
                "SHOP_PORT",
                "9090",
                "SHOP_DYNAMODB_PORT",
                "9000",
                "SHOP_DATA_DIR",
                "elsewhere",
                "SHOP_S3_PORT",
                "9100");
        LocalCloudOptions fromEnv = LocalCloudOptions.parse(new String[] {"--repo", "/repo"}, env);
        assertThat(fromEnv.port()).isEqualTo(9090);
        assertThat(fromEnv.dynamoDbPort()).isEqualTo(9000);
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/repo/elsewhere"));
        assertThat(fromEnv.s3Port()).isEqualTo(9100);

        LocalCloudOptions flags = LocalCloudOptions.parse(
                new String[] {
                    "--repo",
                    "/repo",
                    "--port",
                    "7070",
                    "--dynamodb-port",
                    "0",
                    "--data-dir",
                    "/tmp/x",
                    "--in-memory",
                    "--no-seed",
                    "--s3-port",
                    "9300"
                },
                env);
        assertThat(flags.port()).isEqualTo(7070);
        assertThat(flags.dynamoDbPort()).isZero();
        assertThat(flags.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(flags.inMemory()).isTrue();
        assertThat(flags.seed()).isFalse();
        assertThat(flags.s3Port()).isEqualTo(9300);
    }

    @Test
    void functionsScaleOutAndTakeExtraVariablesOnlyWhenAsked() {
        LocalCloudOptions plain = LocalCloudOptions.parse(new String[] {"--repo", "/repo"}, Map.of());
        assertThat(plain.concurrency()).isEqualTo(1);
        assertThat(plain.functionEnvironment()).isEmpty();

        LocalCloudOptions asked = LocalCloudOptions.parse(
                new String[] {
                    "--repo",
                    "/repo",
                    "--concurrency",
                    "4",
                    "--function-env",
                    "ORDERS_CREATE_RATE_LIMIT=1000000",
                    "--function-env",
                    "JAVA_TOOL_OPTIONS=-Xshare:off -Da=b"
                },
                Map.of("SHOP_FUNCTION_CONCURRENCY", "2"));
        assertThat(asked.concurrency()).isEqualTo(4);
        assertThat(asked.functionEnvironment())
                .containsEntry("ORDERS_CREATE_RATE_LIMIT", "1000000")
                .containsEntry("JAVA_TOOL_OPTIONS", "-Xshare:off -Da=b");
        assertThat(LocalCloudOptions.parse(new String[0], Map.of("SHOP_FUNCTION_CONCURRENCY", "3"))
                        .concurrency())
                .isEqualTo(3);
    }

    @Test
    void aFunctionRunsAnotherHandlerAndMoreJarsOnlyWhenAsked() {
        LocalCloudOptions plain = LocalCloudOptions.parse(new String[] {"--repo", "/repo"}, Map.of());
        assertThat(plain.functionHandlers()).isEmpty();
        assertThat(plain.functionJars()).isEmpty();

        LocalCloudOptions asked = LocalCloudOptions.parse(
                new String[] {
                    "--repo",
                    "/repo",
                    "--function-handler",
                    "products=example.Wrapper::handleRequest",
                    "--function-jar",
                    "/jars/a.jar",
                    "--function-jar",
                    "/jars/b.jar"
                },
                Map.of());
        assertThat(asked.functionHandlers()).containsExactly(Map.entry("products", "example.Wrapper::handleRequest"));
        assertThat(asked.functionJars()).containsExactly(Path.of("/jars/a.jar"), Path.of("/jars/b.jar"));
        assertThatThrownBy(
                        () -> LocalCloudOptions.parse(new String[] {"--function-handler", "example.Wrapper"}, Map.of()))
                .hasMessageContaining("--function-handler needs NAME=VALUE");
    }

    @Test
    void theContractReportIsOffUnlessAFileIsNamed() {
        assertThat(LocalCloudOptions.parse(new String[] {"--repo", "/repo"}, Map.of())
                        .contractReport())
                .isNull();
        assertThat(LocalCloudOptions.parse(
                                new String[] {"--repo", "/repo"}, Map.of("SHOP_CONTRACT_REPORT", "target/c.jsonl"))
                        .contractReport())
                .isEqualTo(Path.of("/repo/target/c.jsonl"));
        assertThat(LocalCloudOptions.parse(
                                new String[] {"--repo", "/repo", "--contract-report", "/tmp/r.jsonl"},
                                Map.of("SHOP_CONTRACT_REPORT", "target/c.jsonl"))
                        .contractReport())
                .isEqualTo(Path.of("/tmp/r.jsonl"));
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--contract-report"}, Map.of()))
                .hasMessageContaining("--contract-report needs a value");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--concurrency", "0"}, Map.of()))
                .hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--function-env", "NOVALUE"}, Map.of()))
                .hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[0], Map.of("SHOP_PORT", "http")))
                .hasMessageContaining("SHOP_PORT");
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalCloudOptions.parse(new String[] {"--fast"}, Map.of()))
                .hasMessageContaining("--fast")
                .hasMessageContaining("usage");
    }
}
