package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.LambdaEnvironment;
import serverlessshop.localcloud.lambda.LambdaFunction;

/** The floor as the harness launches it: its AOT cache made by its own training run, then one event. */
class FloorTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theFloorTrainsItsOwnCacheAndAnswersItsEventThroughTheRuntimeApi() throws Exception {
        Layout layout = new Layout(REPO);
        Floor floor = new Floor(layout);
        floor.prepare();
        FunctionImage image = FunctionImage.read(Floor.NAME, layout.floorDockerfile());
        assertThat(image.taskRoot().resolve("app.aot")).isNotEmptyFile();

        try (LambdaFunction function = new LambdaFunction(
                image, LambdaEnvironment.of(image, Map.of(), layout.runtimeLib(), 1024), layout.runtimeLib())) {
            byte[] response =
                    function.invoke(Floor.event("shoe-7"), Instant.now().plusSeconds(60));
            JsonNode answer = new ObjectMapper().readTree(response);
            assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(answer.path("body").asText()))
                    .isEqualTo(new ObjectMapper().readTree("{\"id\":\"shoe-7\",\"name\":\"floor\"}"));
        }
    }
}
