package serverlessshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import serverlessshop.localcloud.lambda.FunctionImage;

/** Where the build output the harness runs is, relative to the repository root. */
record Layout(Path repo) {

    Path routesJson() {
        return repo.resolve("api-spec/target/routes.json");
    }

    Path runtimeLib() {
        return repo.resolve("local-cloud/lambda-runtime/target/lib");
    }

    Path dockerfile(String function) {
        return FunctionImage.dockerfile(repo, function);
    }

    /** The jar that times the functions' invocations from inside (benchmarks/function-timing). */
    Path functionTiming() {
        return repo.resolve("benchmarks/function-timing/target/function-timing.jar");
    }

    /** The floor's image (benchmarks/floor-function), read as a function's Dockerfile is. */
    Path floorDockerfile() {
        return repo.resolve("benchmarks/floor-function/target/lambda/Dockerfile");
    }

    void requireBuilt() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path required : List.of(
                routesJson(),
                runtimeLib(),
                repo.resolve("local-cloud/gateway/target/classes"),
                repo.resolve("local-cloud/dynamodb-local/target/lib"),
                repo.resolve("products-impl/target/lambda/lib"),
                repo.resolve("orders-impl/target/lambda/lib"),
                functionTiming(),
                floorDockerfile())) {
            if (!Files.exists(required)) {
                missing.add(repo.relativize(required).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(
                    "not built: " + String.join(", ", missing) + " (make bench builds first; or make build)");
        }
    }
}
