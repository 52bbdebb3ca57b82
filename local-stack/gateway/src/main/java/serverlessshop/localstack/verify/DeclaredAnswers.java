package serverlessshop.localstack.verify;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which statuses the contracts declare for an operation: a check of an optional behaviour (a
 * conditional GET answering 304) demands it exactly when the contract promises it.
 */
final class DeclaredAnswers {

    private final List<OpenAPI> contracts;

    private DeclaredAnswers(List<OpenAPI> contracts) {
        this.contracts = contracts;
    }

    static DeclaredAnswers load(Path specDir) {
        try (Stream<Path> files = Files.list(specDir)) {
            return new DeclaredAnswers(files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(f -> new OpenAPIV3Parser().read(f.toString()))
                    .filter(Objects::nonNull)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean declares(String operationId, int status) {
        return contracts.stream()
                .filter(api -> api.getPaths() != null)
                .flatMap(api -> api.getPaths().values().stream())
                .flatMap(path -> path.readOperations().stream())
                .filter(operation -> operationId.equals(operation.getOperationId()))
                .map(Operation::getResponses)
                .anyMatch(responses -> responses != null && responses.containsKey(String.valueOf(status)));
    }
}
