package serverlessshop.reliability.stack;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What every suite here needs to know about its run: where the repository is, whether this is the
 * long version ({@code SHOP_SOAK=1}, make soak), and what to do when something it needs is absent
 * (say so loudly and skip; under {@code CI=true} fail instead: CI must prove everything).
 */
public final class Suite {

    private Suite() {}

    /** The long versions: make soak sets SHOP_SOAK=1. */
    public static boolean soak() {
        return "1".equals(System.getenv("SHOP_SOAK"));
    }

    /** The short value in make test, the long one under make soak. */
    public static int scaled(int shortValue, int soakValue) {
        return soak() ? soakValue : shortValue;
    }

    public static Path repo() {
        return Path.of(System.getProperty("shop.repo", "..")).toAbsolutePath().normalize();
    }

    /** A scratch directory under reliability/target, kept after the run for its logs. */
    public static Path workDir(String name) throws IOException {
        return Files.createDirectories(repo().resolve("reliability/target/runs").resolve(name));
    }

    /** The build output the stack runs; -am (or make) builds it before these tests. */
    public static void requireBuilt() {
        Path repo = repo();
        List<String> missing = List.of(
                        "api-spec/target/routes.json",
                        "local-cloud/lambda-runtime/target/lib",
                        "local-cloud/gateway/target/classes",
                        "local-cloud/gateway/target/lib",
                        "local-cloud/dynamodb-local/target/lib",
                        "products-impl/target/lambda/lib",
                        "orders-impl/target/lambda/lib")
                .stream()
                .filter(path -> !Files.exists(repo.resolve(path)))
                .toList();
        if (!missing.isEmpty()) {
            fail("not built: " + String.join(", ", missing) + " (run the module with -am at package phase or"
                    + " later, or make build)");
        }
    }

    /** Skips with a loud message when something needed is absent; under CI=true fails. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = "reliability: " + what + " is not available here";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true: nothing may be skipped)");
        }
        System.err.println("*** SKIPPED *** " + message);
        Assumptions.abort(message);
    }
}
