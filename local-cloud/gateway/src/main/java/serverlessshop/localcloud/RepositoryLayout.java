package serverlessshop.localcloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import serverlessshop.localcloud.lambda.FunctionImage;

/** Where the stack finds the build output it runs, relative to the repository root. */
record RepositoryLayout(Path repo) {

    Path routesJson() {
        return repo.resolve("api-spec/target/routes.json");
    }

    Path contracts() {
        return repo.resolve("api-spec");
    }

    /** The Runtime Interface Client and its jars: the base image's /var/runtime/lib. */
    Path runtimeLib() {
        return repo.resolve("local-cloud/lambda-runtime/target/lib");
    }

    Path dynamoDbHome() {
        return repo.resolve("local-cloud/dynamodb-local/target");
    }

    Path siteDist() {
        return repo.resolve("static-site/dist");
    }

    /** A function's image: {@code products} is built from products-impl/target/lambda/Dockerfile. */
    Path dockerfile(String function) {
        return FunctionImage.dockerfile(repo, function);
    }

    /** The build output the stack cannot start without; empty when all is there. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Path required : List.of(routesJson(), runtimeLib(), dynamoDbHome().resolve("lib"))) {
            if (!Files.exists(required)) {
                missing.add(repo.relativize(required).toString());
            }
        }
        return missing;
    }
}
