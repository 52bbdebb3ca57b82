package serverlessshop.localcloud;

import java.nio.file.Path;

/** The repository root the tests run in (set by the build: repo.root), and its build output. */
public final class Repository {

    private Repository() {}

    public static Path root() {
        return Path.of(System.getProperty("repo.root", "../.."))
                .toAbsolutePath()
                .normalize();
    }

    public static Path routesJson() {
        return root().resolve("api-spec/target/routes.json");
    }

    public static Path runtimeLib() {
        return root().resolve("local-cloud/lambda-runtime/target/lib");
    }

    /** Whether this run must not skip anything: CI=true turns every "skipped" into a failure. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
