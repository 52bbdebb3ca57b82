package serverlessshop.apicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make api-release on a copy of the repository's versioned files, first set back to the released
 * version (as right after a release), so that the tests hold whatever the version under work is.
 */
class ReleaseTest {

    @TempDir
    Path repo;

    private String released;
    private String next;

    @BeforeEach
    void copyTheVersionedFiles() throws IOException {
        for (String file : new String[] {
            "api-spec/products.yaml",
            "api-spec/orders.yaml",
            "api-spec/order-events.yaml",
            "api-spec/released/products.yaml",
            "api-spec/released/orders.yaml",
            "generated-ts-client/package.json",
            "static-site/package.json",
            "package-lock.json"
        }) {
            Files.createDirectories(repo.resolve(file).getParent());
            Files.copy(ContractCopy.REPO.resolve(file), repo.resolve(file));
        }
        released = versionOf("api-spec/released/products.yaml");
        ContractVersion version = ContractVersion.parse(released);
        next = new ContractVersion(version.major(), version.minor() + 1, 0).toString();
        String current = versionOf("api-spec/products.yaml");
        if (!current.equals(released)) {
            bumpEverywhere(current, released);
        }
    }

    @Test
    void aBumpedVersionEverywhereBecomesTheReleasedOne() throws IOException {
        bumpEverywhere(released, next);

        assertThat(Release.release(repo)).contains("at " + next).contains("git tag api-v" + next);

        for (String contract : ProjectVersions.CONTRACTS) {
            assertThat(repo.resolve("api-spec/released/" + contract + ".yaml"))
                    .hasSameTextualContentAs(repo.resolve("api-spec/" + contract + ".yaml"));
        }
    }

    @Test
    void theSameVersionAgainIsRefusedAndChangesNothing() throws IOException {
        String before = Files.readString(repo.resolve("api-spec/released/products.yaml"));

        assertThatThrownBy(() -> Release.release(repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "products.yaml: info.version " + released + " is not newer than the released " + released);
        assertThat(repo.resolve("api-spec/released/products.yaml")).hasContent(before);
    }

    @Test
    void versionsThatDisagreeAreRefusedAndChangeNothing() throws IOException {
        replace("api-spec/products.yaml", "version: " + released, "version: " + next);

        assertThatThrownBy(() -> Release.release(repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("api-spec/products.yaml info.version = " + next)
                .hasMessageContaining("generated-ts-client/package.json version = " + released);
        assertThat(repo.resolve("api-spec/released/products.yaml"))
                .hasSameTextualContentAs(ContractCopy.REPO.resolve("api-spec/released/products.yaml"));
    }

    private void bumpEverywhere(String from, String to) throws IOException {
        for (String contract : ProjectVersions.CONTRACTS) {
            replace("api-spec/" + contract + ".yaml", "version: " + from, "version: " + to);
        }
        for (String contract : ProjectVersions.EVENT_CONTRACTS) {
            replace("api-spec/" + contract + ".yaml", "version: " + from, "version: " + to);
        }
        ObjectMapper json = new ObjectMapper();
        Path client = repo.resolve("generated-ts-client/package.json");
        ObjectNode clientPackage = (ObjectNode) json.readTree(client.toFile());
        clientPackage.put("version", to);
        json.writeValue(client.toFile(), clientPackage);
        Path site = repo.resolve("static-site/package.json");
        ObjectNode sitePackage = (ObjectNode) json.readTree(site.toFile());
        ((ObjectNode) sitePackage.get("dependencies")).put(ProjectVersions.CLIENT_PACKAGE, to);
        json.writeValue(site.toFile(), sitePackage);
        Path lock = repo.resolve("package-lock.json");
        ObjectNode lockFile = (ObjectNode) json.readTree(lock.toFile());
        ObjectNode packages = (ObjectNode) lockFile.get("packages");
        ((ObjectNode) packages.get("generated-ts-client")).put("version", to);
        ((ObjectNode) packages.get("static-site").get("dependencies")).put(ProjectVersions.CLIENT_PACKAGE, to);
        json.writeValue(lock.toFile(), lockFile);
    }

    private String versionOf(String contract) throws IOException {
        return Files.readAllLines(repo.resolve(contract)).stream()
                .filter(line -> line.startsWith("  version: "))
                .findFirst()
                .orElseThrow()
                .substring("  version: ".length())
                .trim();
    }

    private void replace(String file, String from, String to) throws IOException {
        Path path = repo.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }
}
