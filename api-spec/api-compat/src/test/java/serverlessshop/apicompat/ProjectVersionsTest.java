package serverlessshop.apicompat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectVersionsTest {

    @Test
    void theContractsAndTheTypeScriptClientPackageCarryOneVersion() {
        Map<String, String> versions = ProjectVersions.read(ContractCopy.REPO);

        assertThat(versions).hasSize(7).containsKey("api-spec/order-events.yaml info.version");
        assertThat(ProjectVersions.disagreement(versions)).as("versions").isEmpty();
        ContractVersion.parse(versions.values().iterator().next());
    }

    @Test
    void aDisagreementNamesEveryPlaceAndItsVersion() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("api-spec/products.yaml info.version", "1.1.0");
        versions.put("generated-ts-client/package.json version", "1.0.0");

        assertThat(ProjectVersions.disagreement(versions))
                .contains("must carry one version")
                .contains("api-spec/products.yaml info.version = 1.1.0")
                .contains("generated-ts-client/package.json version = 1.0.0");
    }
}
