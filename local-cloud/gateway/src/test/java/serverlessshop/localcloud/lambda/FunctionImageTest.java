package serverlessshop.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;

class FunctionImageTest {

    @Test
    void readsTheProductsImageFromItsDockerfile() throws IOException {
        Path dockerfile = FunctionImage.dockerfile(Repository.root(), "products");
        FunctionImage image = FunctionImage.read("products", dockerfile);
        assertThat(image.handler()).isEqualTo("serverlessshop.products.lambda.StreamLambdaHandler::handleRequest");
        assertThat(image.taskRoot()).isEqualTo(Repository.root().resolve("products-impl/target/lambda"));
        assertThat(image.libDir()).isEqualTo(Repository.root().resolve("products-impl/target/lambda/lib"));
        assertThat(image.env())
                .containsEntry("PRODUCTS_DB_MIGRATE_ON_START", "false")
                .as("JAVA_TOOL_OPTIONS is the function's, as with the base image's entry point")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(image.command())
                .containsExactly(
                        "/bin/sh",
                        "/var/task/bin/lambda-java",
                        "-XX:AOTCache=/var/task/app.aot",
                        FunctionInstance.RUNTIME_MAIN,
                        image.handler());
    }

    @Test
    void bothImagesAreTheJava25BaseImageWithTheBuildsJarsAndLauncherAndTheirApiHandler() throws IOException {
        for (String function : new String[] {"products", "orders"}) {
            Path dockerfile = FunctionImage.dockerfile(Repository.root(), function);
            assertThat(Files.readAllLines(dockerfile))
                    .as(function)
                    .filteredOn(line -> line.startsWith("FROM"))
                    .containsExactly("FROM public.ecr.aws/lambda/java:25");
            assertThat(Files.readString(dockerfile))
                    .as(function + ": the build gave every word of the template a value")
                    .doesNotContain("@lambda.");
            // The build's target/lambda, the build context, as the local cloud runs it: the jars and the
            // launcher (lambda-function-parent).
            assertThat(Dockerfile.read(dockerfile).copies())
                    .as(function)
                    .contains(
                            new Dockerfile.Copy("lib/", "${LAMBDA_TASK_ROOT}/lib/"),
                            new Dockerfile.Copy("bin/", "${LAMBDA_TASK_ROOT}/bin/"));
            FunctionImage image = FunctionImage.read(function, dockerfile);
            assertThat(image.handler())
                    .isEqualTo("serverlessshop." + function + ".lambda.StreamLambdaHandler::handleRequest");
            String handlerClass = image.handler().substring(0, image.handler().indexOf("::"));
            assertThat(Repository.root()
                            .resolve(function + "-impl/src/main/java/" + handlerClass.replace('.', '/') + ".java"))
                    .as("the handler exists")
                    .exists();
            assertThat(image.command().subList(0, 2))
                    .as("the shared launcher")
                    .containsExactly("/bin/sh", "/var/task/bin/lambda-java");
            assertThat(image.aotTraining().orElseThrow().command().subList(0, 2))
                    .as("the training through it too")
                    .containsExactly("/bin/sh", "/var/task/bin/lambda-java");
            assertThat(image.aotTraining().orElseThrow().env())
                    .as("the training, as a function of the deployment's memory")
                    .containsEntry(
                            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(FunctionMemory.megabytes(image)));
            assertThat(image.env())
                    .as("a build argument, not the image's: Lambda sets the function's")
                    .doesNotContainKey("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        }
    }

    @Test
    void readsTheEntrypointAndExecFormRunsWithTheEnvironmentAboveThem(@TempDir Path dir) throws IOException {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, """
                FROM public.ecr.aws/lambda/java:25
                COPY lib/ ${LAMBDA_TASK_ROOT}/lib/
                ENV OPTS=-Xa
                ARG MEMORY=512
                ARG UNSET
                RUN echo a shell-form run is the build's business
                RUN --network=none --mount=type=bind,source=work/,target=/var/task/work \\
                    ["/var/lang/bin/java", "-XX:AOTCacheOutput=/var/task/a.aot", "-cp", "/var/task/lib/*", "T"]
                ENV OPTS="-Xa -XX:AOTCache=/var/task/a.aot"
                ENTRYPOINT ["/var/lang/bin/java", "-cp", "/var/task/lib/*:/var/runtime/lib/*", "Main"]
                CMD ["a.B::c"]
                """);
        FunctionImage image = FunctionImage.read("x", dockerfile);
        assertThat(image.runs()).hasSize(1);
        assertThat(image.aotTraining().orElseThrow().env())
                .containsEntry("OPTS", "-Xa")
                .containsEntry("MEMORY", "512")
                .doesNotContainKey("UNSET");
        assertThat(image.env()).doesNotContainKey("MEMORY");
        assertThat(image.aotTraining().orElseThrow().aotCacheOutput()).contains("/var/task/a.aot");
        assertThat(image.aotTraining().orElseThrow().bindMounts())
                .containsExactly(Map.entry("/var/task/work", "work/"));
        assertThat(image.trainingMounts()).containsExactly(dir.resolve("work"));
        assertThat(image.env()).containsEntry("OPTS", "-Xa -XX:AOTCache=/var/task/a.aot");

        ImagePaths paths = new ImagePaths(dir, dir.resolve("runtime"));
        assertThat(paths.local(image.entrypoint()))
                .containsExactly(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        dir + "/lib/*:" + dir.resolve("runtime") + "/*",
                        "Main");
    }

    @Test
    void understandsContinuationsQuotesAndTheLegacyEnvForm(@TempDir Path dir) throws IOException {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, """
                # a comment
                FROM public.ecr.aws/lambda/java:25
                COPY --chown=1000 build/lib/ ${LAMBDA_TASK_ROOT}/lib/
                ENV A="one two" \\
                    B=three C="with \\"quotes\\""
                ENV LEGACY some value
                CMD [ "example.Handler::handleRequest" ]
                """);
        FunctionImage image = FunctionImage.read("example", dockerfile);
        assertThat(image.env())
                .containsEntry("A", "one two")
                .containsEntry("B", "three")
                .containsEntry("C", "with \"quotes\"")
                .containsEntry("LEGACY", "some value");
        assertThat(image.handler()).isEqualTo("example.Handler::handleRequest");
        assertThat(image.taskRoot()).isEqualTo(dir.resolve("build"));
    }

    @Test
    void refusesARunThatMountsAFolderElsewhereThanItsPlaceInTheTaskRoot(@TempDir Path dir) throws IOException {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, """
                FROM x
                COPY build/lib/ ${LAMBDA_TASK_ROOT}/lib/
                RUN --mount=type=bind,source=elsewhere,target=/var/task/training ["java", "-XX:AOTCacheOutput=/var/task/a.aot", "T"]
                CMD ["a.B::c"]
                """);
        assertThatThrownBy(() -> FunctionImage.read("x", dockerfile)).hasMessageContaining("build");
    }

    @Test
    void refusesAnImageItCannotRunTheLambdaWay(@TempDir Path dir) throws IOException {
        Path noLib = dir.resolve("Dockerfile");
        Files.writeString(noLib, "FROM x\nCOPY app.jar /app.jar\nCMD [\"a.B::c\"]\n");
        assertThatThrownBy(() -> FunctionImage.read("x", noLib)).hasMessageContaining("COPY");
        Files.writeString(noLib, "FROM x\nCOPY lib/ ${LAMBDA_TASK_ROOT}/lib/\nCMD a.B::c\n");
        assertThatThrownBy(() -> FunctionImage.read("x", noLib)).isInstanceOf(IOException.class);
    }
}
