package serverlessshop.apicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The gate itself, run by every build's tests: each contract against its released copy. Prints the
 * changelog and leaves it in target/changelog/ for release notes.
 */
class BreakingChangeGateTest {

    static final List<String> CONTRACTS = ProjectVersions.CONTRACTS;
    private static final Path CHANGELOG_DIR = Path.of(System.getProperty("changelog.dir", "target/changelog"));

    @ParameterizedTest(name = "{0}.yaml against api-spec/released/{0}.yaml")
    @FieldSource("CONTRACTS")
    void theContractKeepsItsReleasedClientsWorkingOrBumpsTheMajorVersion(String contract) throws IOException {
        var verdict = CompatibilityGate.compare(
                contract + ".yaml",
                Release.released(ContractCopy.REPO, contract),
                Release.current(ContractCopy.REPO, contract));

        Files.createDirectories(CHANGELOG_DIR);
        Path changelog = CHANGELOG_DIR.resolve(contract + ".md");
        Files.writeString(changelog, verdict.changelog());
        System.out.println(verdict.changelog() + "(also in " + changelog + ")\n");

        verdict.failure().ifPresent(message -> fail(message));
        assertThat(verdict.current()).isGreaterThanOrEqualTo(verdict.released());
    }
}
