package serverlessshop.apicompat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * make api-release: makes the contracts as they are the released ones (api-spec/released/), which the
 * gate compares with from then on. Refuses, changing nothing, unless every place carries one version,
 * that version is newer than the released one and the gate passes.
 */
public final class Release {

    private Release() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Release <repository directory>");
        }
        try {
            System.out.println(release(Path.of(args[0]).toAbsolutePath().normalize()));
        } catch (IllegalStateException e) {
            System.err.println("make api-release: " + e.getMessage());
            System.exit(1);
        }
    }

    static String release(Path repo) throws IOException {
        Map<String, String> versions = ProjectVersions.read(repo);
        String disagreement = ProjectVersions.disagreement(versions);
        if (!disagreement.isEmpty()) {
            throw new IllegalStateException(disagreement);
        }
        ContractVersion version =
                ContractVersion.parse(versions.values().iterator().next());
        List<String> problems = new ArrayList<>();
        for (String contract : ProjectVersions.CONTRACTS) {
            CompatibilityGate.Verdict verdict =
                    CompatibilityGate.compare(contract + ".yaml", released(repo, contract), current(repo, contract));
            verdict.failure().ifPresent(problems::add);
            if (verdict.current().compareTo(verdict.released()) <= 0) {
                problems.add(contract + ".yaml: info.version " + verdict.current()
                        + " is not newer than the released " + verdict.released()
                        + "; bump the version of both contracts and of the TypeScript client package first.");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("nothing released:\n" + String.join("\n", problems));
        }
        for (String contract : ProjectVersions.CONTRACTS) {
            Files.copy(current(repo, contract), released(repo, contract), StandardCopyOption.REPLACE_EXISTING);
        }
        return "Released the contracts at " + version + " into api-spec/released/. Commit them with the version"
                + " bump and tag the commit: git tag api-v" + version;
    }

    static Path current(Path repo, String contract) {
        return repo.resolve("api-spec/" + contract + ".yaml");
    }

    static Path released(Path repo, String contract) {
        return repo.resolve("api-spec/released/" + contract + ".yaml");
    }
}
