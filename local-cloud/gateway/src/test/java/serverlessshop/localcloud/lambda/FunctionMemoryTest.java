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

class FunctionMemoryTest {

    @Test
    void aFunctionOfThisRepositoryGetsTheApiFunctionsMemoryOfTheDeployment() throws IOException {
        FunctionImage products =
                FunctionImage.read("products", FunctionImage.dockerfile(Repository.root(), "products"));
        assertThat(FunctionMemory.megabytes(products))
                .as("within Lambda's limits")
                .isBetween(128, 10_240);
        assertThat(LambdaEnvironment.of(products, Map.of(), Repository.runtimeLib()))
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(FunctionMemory.megabytes(products)));
    }

    @Test
    void readsTheDefaultOfApiMemoryMb(@TempDir Path repository) throws IOException {
        Files.createDirectories(repository.resolve("terraform/envs/dev"));
        Files.writeString(repository.resolve(FunctionMemory.VARIABLES), """
                variable "job_memory_mb" {
                  type    = number
                  default = 512
                }

                variable "api_memory_mb" {
                  description = "Memory of the API functions (products, orders)."
                  type        = number
                  default     = 1536
                }
                """);
        assertThat(FunctionMemory.megabytes(image(repository))).isEqualTo(1536);

        Files.writeString(
                repository.resolve(FunctionMemory.VARIABLES), "variable \"job_memory_mb\" {\n  default = 512\n}\n");
        assertThatThrownBy(() -> FunctionMemory.megabytes(image(repository))).hasMessageContaining("api_memory_mb");
    }

    @Test
    void anImageOutsideTheRepositoryGetsLambdasDefault(@TempDir Path elsewhere) {
        assertThat(FunctionMemory.megabytes(image(elsewhere))).isEqualTo(FunctionMemory.LAMBDA_DEFAULT_MB);
    }

    private static FunctionImage image(Path repository) {
        return new FunctionImage(
                "x",
                repository.resolve("x-impl/target/lambda/Dockerfile"),
                "a.B::c",
                repository.resolve("x-impl/target/lambda"),
                Map.of());
    }
}
