package serverlessshop.localcloud.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import serverlessshop.localcloud.gateway.RequestTarget;

/**
 * Holds one HTTP exchange (request and answer) to the OpenAPI contracts, with Atlassian's
 * openapi-request-validator: the contract whose paths hold the request's path is the one that
 * applies; the request is checked against its operation (parameters, security, body) and the answer
 * too (status declared, headers, content type, body schema). Our code only picks the contract and
 * hands the exchange over: what "conforms" means is the validator's.
 */
public final class ContractCheck {

    private final List<Contract> contracts;

    private ContractCheck(List<Contract> contracts) {
        this.contracts = List.copyOf(contracts);
    }

    /** Every OpenAPI document among the *.yaml files directly in {@code specDir} (api-spec/). */
    public static ContractCheck load(Path specDir) {
        try (Stream<Path> files = Files.list(specDir)) {
            List<Contract> contracts = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.lines().anyMatch(line -> line.startsWith("openapi:"))) {
                    contracts.add(Contract.parse(file.getFileName().toString(), text));
                }
            }
            if (contracts.isEmpty()) {
                throw new IllegalArgumentException("no OpenAPI contract in " + specDir);
            }
            return new ContractCheck(contracts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contracts' file names, e.g. products.yaml. */
    public List<String> contractNames() {
        return contracts.stream().map(Contract::name).toList();
    }

    /**
     * Checks one exchange. {@code rawPath} and {@code rawQuery} are as sent (percent-encoded);
     * header names in any case. A path that no contract holds gives a verdict with no contract.
     */
    public Verdict check(Exchange exchange) {
        String path = exchange.rawPath();
        Request.Method method = method(exchange.method());
        if (method == null) {
            return new Verdict(null, null, List.of("no contract has the method " + exchange.method()), List.of());
        }
        for (Contract contract : contracts) {
            ApiOperationMatch match = contract.resolver().findApiOperation(path, method);
            if (!match.isPathFound()) {
                continue;
            }
            if (!match.isOperationAllowed()) {
                return new Verdict(
                        contract.name(),
                        null,
                        List.of(contract.name() + " has no operation " + method + " " + path),
                        List.of());
            }
            String operation = match.getApiOperation().getOperation().getOperationId();
            Request request = request(exchange, method);
            List<String> requestProblems =
                    judged("request", () -> contract.validator().validateRequest(request));
            List<String> answerProblems =
                    judged("answer", () -> contract.validator().validateResponse(path, method, response(exchange)));
            return new Verdict(contract.name(), operation, requestProblems, answerProblems);
        }
        return new Verdict(null, null, List.of("no contract has the path " + path), List.of());
    }

    /** The validator's method, or null for one it does not know (no contract can declare it). */
    private static Request.Method method(String name) {
        try {
            return Request.Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Request request(Exchange exchange, Request.Method method) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, exchange.rawPath());
        RequestTarget.queryParameters(exchange.rawQuery()).forEach(builder::withQueryParam);
        exchange.requestHeaders().forEach(builder::withHeader);
        if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    /**
     * The validator's findings; when it cannot read what it is given at all (it throws on a number
     * beyond a double's range, e.g. 1e999), that is itself a finding: such a request must be refused,
     * and such an answer breaks the contract.
     */
    private static List<String> judged(String what, Supplier<ValidationReport> validation) {
        try {
            return messages(validation.get());
        } catch (RuntimeException unreadable) {
            return List.of(
                    "validation." + what + ".unreadable: the validator cannot read the " + what + ": " + unreadable);
        }
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(ContractCheck::describe)
                .toList();
    }

    /** The validator's key and message, with the parameter at fault when there is one. */
    private static String describe(ValidationReport.Message message) {
        String parameter = message.getContext()
                .flatMap(ValidationReport.MessageContext::getParameter)
                .map(p -> " (" + p.getIn() + " parameter " + p.getName() + ")")
                .orElse("");
        return message.getKey() + parameter + ": " + message.getMessage();
    }

    /** One request and its answer, as they crossed the wire. */
    public record Exchange(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> requestHeaders,
            byte[] requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            byte[] responseBody) {}

    /**
     * What the contracts say of one exchange: the contract and operation it belongs to (null when no
     * contract has the path, or the path has no such method), what is wrong with the request, and
     * what is wrong with the answer.
     */
    public record Verdict(
            String contract, String operationId, List<String> requestProblems, List<String> answerProblems) {

        public boolean requestConforms() {
            return requestProblems.isEmpty();
        }

        public boolean answerConforms() {
            return answerProblems.isEmpty();
        }
    }

    private record Contract(String name, OpenApiInteractionValidator validator, ApiOperationResolver resolver) {

        static Contract parse(String name, String text) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
            OpenAPI api = result.getOpenAPI();
            if (api == null) {
                throw new IllegalArgumentException(
                        name + " is not a readable OpenAPI document: " + result.getMessages());
            }
            // The validator parses the text itself, with the options its checks rely on; the resolver only needs the
            // paths.
            return new Contract(
                    name,
                    OpenApiInteractionValidator.createForInlineApiSpecification(text)
                            .build(),
                    new ApiOperationResolver(api, null, false));
        }
    }
}
