package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port stops make run at once, with the port and the variable that moves it. */
class PortInUseTest {

    private static LocalCloudOptions options(int port, int dynamoDbPort, Path data) {
        return new LocalCloudOptions(Repository.root(), port, dynamoDbPort, data, true, false, Map.of());
    }

    @Test
    void theGatewaysPort(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalCloud.start(options(taken.getLocalPort(), 0, data)))
                    .isInstanceOf(PortInUse.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("SHOP_PORT=");
        }
    }

    @Test
    void dynamoDbLocalsPortBeforeAnythingStarts(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long processesBefore = ProcessHandle.current().descendants().count();
            assertThatThrownBy(() -> LocalCloud.start(options(0, taken.getLocalPort(), data)))
                    .isInstanceOf(PortInUse.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("SHOP_DYNAMODB_PORT=");
            assertThat(ProcessHandle.current().descendants().count()).isEqualTo(processesBefore);
        }
    }

    @Test
    void theImagesBucketsPortBeforeAnythingStarts(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long processesBefore = ProcessHandle.current().descendants().count();
            assertThatThrownBy(() -> LocalCloud.start(new LocalCloudOptions(
                            Repository.root(),
                            0,
                            0,
                            data,
                            true,
                            false,
                            Map.of(),
                            1,
                            Map.of(),
                            null,
                            Map.of(),
                            java.util.List.of(),
                            0,
                            taken.getLocalPort(),
                            0)))
                    .isInstanceOf(PortInUse.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("SHOP_S3_PORT=");
            assertThat(ProcessHandle.current().descendants().count()).isEqualTo(processesBefore);
        }
    }
}
