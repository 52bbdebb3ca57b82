package serverlessshop.apicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The places that carry the API's one version: both HTTP contracts' and the events contract's
 * {@code info.version} and the TypeScript client package that speaks them all (its own version and the
 * site's dependency on it, in the package files and in the npm lock). One version for all the contracts
 * because one package carries both clients and the events' types: its version then says exactly which
 * contracts it was generated from.
 */
public final class ProjectVersions {

    public static final List<String> CONTRACTS = List.of("products", "orders");
    /** The AsyncAPI contracts: in the one version, outside the OpenAPI breaking-change gate. */
    static final List<String> EVENT_CONTRACTS = List.of("order-events");

    static final String CLIENT_PACKAGE = "@serverless-shop/api-client";

    private ProjectVersions() {}

    /** Each place (a file and the field in it) and the version found there, in a stable order. */
    public static Map<String, String> read(Path repo) {
        Map<String, String> versions = new LinkedHashMap<>();
        YAMLMapper yaml = new YAMLMapper();
        for (String contract :
                Stream.concat(CONTRACTS.stream(), EVENT_CONTRACTS.stream()).toList()) {
            versions.put(
                    "api-spec/" + contract + ".yaml info.version",
                    text(read(yaml, repo.resolve("api-spec/" + contract + ".yaml"))
                            .path("info")
                            .path("version")));
        }
        ObjectMapper json = new ObjectMapper();
        versions.put(
                "generated-ts-client/package.json version",
                text(read(json, repo.resolve("generated-ts-client/package.json"))
                        .path("version")));
        versions.put(
                "static-site/package.json dependencies." + CLIENT_PACKAGE,
                text(read(json, repo.resolve("static-site/package.json"))
                        .path("dependencies")
                        .path(CLIENT_PACKAGE)));
        // npm ci installs what the lock says: a bump that skipped npm install would build the old version.
        JsonNode lock = read(json, repo.resolve("package-lock.json")).path("packages");
        versions.put(
                "package-lock.json packages.generated-ts-client.version",
                text(lock.path("generated-ts-client").path("version")));
        versions.put(
                "package-lock.json packages.static-site.dependencies." + CLIENT_PACKAGE,
                text(lock.path("static-site").path("dependencies").path(CLIENT_PACKAGE)));
        return versions;
    }

    /** Empty when every place carries the same version; otherwise a message listing them all. */
    public static String disagreement(Map<String, String> versions) {
        if (versions.values().stream().distinct().count() == 1) {
            return "";
        }
        StringBuilder message = new StringBuilder(
                "The contracts and the TypeScript client package must carry one version; they do not:\n");
        versions.forEach((place, version) ->
                message.append("  ").append(place).append(" = ").append(version).append('\n'));
        return message.toString();
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "(none)" : node.asText();
    }
}
