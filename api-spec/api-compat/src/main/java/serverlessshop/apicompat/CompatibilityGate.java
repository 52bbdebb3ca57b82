package serverlessshop.apicompat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Compares a contract with its released copy. A client built against the released version must keep
 * working against the current one, so an incompatible change (openapi-diff's judgement) is allowed
 * only together with a new major version; everything else goes into the changelog.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {}

    /** What the comparison found; {@link #failure()} is empty when the contract may ship as it is. */
    public record Verdict(
            String contract,
            ContractVersion released,
            ContractVersion current,
            List<String> breaking,
            String changelog) {

        public boolean majorBumped() {
            return current.major() > released.major();
        }

        public Optional<String> failure() {
            if (current.compareTo(released) < 0) {
                return Optional.of(
                        contract + ": info.version " + current + " is older than the released " + released + ".");
            }
            if (breaking.isEmpty() || majorBumped()) {
                return Optional.empty();
            }
            return Optional.of(contract + " breaks clients of the released " + released + " and its info.version "
                    + current + " keeps the major version " + current.major() + ":\n  - "
                    + String.join("\n  - ", breaking)
                    + "\nMake the change compatible, or bump the major version (to " + (released.major() + 1)
                    + ".0.0) of both contracts and of the TypeScript client package together.");
        }
    }

    /**
     * @param contract the name the messages use, e.g. {@code products.yaml}
     * @param released the released copy
     * @param current the contract as it is now
     */
    public static Verdict compare(String contract, Path released, Path current) {
        for (Path file : List.of(released, current)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(contract + ": no such file " + file);
            }
        }
        ChangedOpenApi diff;
        try {
            diff = OpenApiCompare.fromFiles(released.toFile(), current.toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    contract + ": cannot read " + released + " or " + current + ": " + e.getMessage(), e);
        }
        ContractVersion releasedVersion =
                version(contract + " (released)", diff.getOldSpecOpenApi().getInfo());
        ContractVersion currentVersion =
                version(contract, diff.getNewSpecOpenApi().getInfo());
        List<String> breaking = BreakingChanges.of(diff);
        return new Verdict(
                contract,
                releasedVersion,
                currentVersion,
                breaking,
                changelog(contract, releasedVersion, currentVersion, breaking, diff));
    }

    private static ContractVersion version(String contract, io.swagger.v3.oas.models.info.Info info) {
        try {
            return ContractVersion.parse(info == null ? null : info.getVersion());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(contract + ": info.version: " + e.getMessage(), e);
        }
    }

    private static String changelog(
            String contract,
            ContractVersion released,
            ContractVersion current,
            List<String> breaking,
            ChangedOpenApi diff) {
        StringBuilder md = new StringBuilder()
                .append("# ")
                .append(contract)
                .append(": changes since the released ")
                .append(released)
                .append(" (now ")
                .append(current)
                .append(")\n\n");
        if (diff.isUnchanged()) {
            return md.append("No differences.\n").toString();
        }
        md.append("## Breaking changes\n\n");
        if (breaking.isEmpty()) {
            md.append("None.\n\n");
        } else {
            breaking.forEach(change -> md.append("- ").append(change).append('\n'));
            md.append('\n');
        }
        md.append("## All changes\n\n");
        ByteArrayOutputStream rendered = new ByteArrayOutputStream();
        new MarkdownRender().render(diff, new OutputStreamWriter(rendered, StandardCharsets.UTF_8));
        return md.append(rendered.toString(StandardCharsets.UTF_8).strip())
                .append('\n')
                .toString();
    }
}
