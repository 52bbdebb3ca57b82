package serverlessshop.localcloud.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.contract.ContractCheck;
import serverlessshop.localcloud.contract.ContractCheck.Exchange;

/**
 * The deployment under test, as its clients see it: requests go to its URL, and every exchange is
 * held to the contracts as it crossed the wire.
 */
final class Deployment {

    /** Where the administrators' API is, under the deployment's URL (CloudFront's behaviour /admin/*). */
    static final String ADMIN_PREFIX = "/admin";

    /** Long enough for a function's cold start in Lambda, and a CloudFront origin fetch around it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final ContractCheck contracts;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @param base the deployment's URL; a path in it (an API Gateway stage) prefixes every request */
    Deployment(URI base, ContractCheck contracts) {
        this.base = base.toString().replaceAll("/+$", "");
        this.contracts = contracts;
    }

    String base() {
        return base;
    }

    Answer send(Call call) throws IOException, InterruptedException {
        byte[] body = call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        if (call.token() != null) {
            headers.put("Authorization", "Bearer " + call.token());
        }
        if (call.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(call.headers());
        // The contract's path either way: the administrators' API is the same contract under /admin.
        String api = call.administrators() ? base + ADMIN_PREFIX : base;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + call.target()))
                .timeout(TIMEOUT)
                .method(
                        call.method(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> sent = new LinkedHashMap<>();
        headers.forEach((name, value) -> sent.put(name, List.of(value)));
        Map<String, List<String>> received =
                new LinkedHashMap<>(response.headers().map());
        received.keySet().removeIf(name -> name.startsWith(":")); // HTTP/2's pseudo-headers are no headers
        ContractCheck.Verdict verdict = contracts.check(new Exchange(
                call.method(),
                call.path(),
                call.query(),
                sent,
                body,
                response.statusCode(),
                received,
                response.body()));
        return new Answer(
                call,
                response.statusCode(),
                response.headers(),
                new String(response.body(), StandardCharsets.UTF_8),
                verdict);
    }
}
