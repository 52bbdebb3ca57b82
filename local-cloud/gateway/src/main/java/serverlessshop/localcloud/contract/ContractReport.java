package serverlessshop.localcloud.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.Console;
import serverlessshop.localcloud.contract.ContractCheck.Exchange;
import serverlessshop.localcloud.contract.ContractCheck.Verdict;
import serverlessshop.localcloud.gateway.Cors;
import serverlessshop.localcloud.gateway.ExchangeObserver;
import serverlessshop.localcloud.gateway.HttpReply;
import serverlessshop.localcloud.gateway.IncomingRequest;
import serverlessshop.localcloud.gateway.RouteTable;

/**
 * The contract-check mode of the gateway ({@code --contract-report FILE}): every exchange on an API
 * path (a route, or a path under an API prefix that no route has) is held to the contracts, and one
 * JSON line per exchange is written to the file: method, raw path, status, contract, operationId,
 * the request's and the answer's problems, and the violations {@link ContractPolicy} finds in them.
 * The line is written before the answer, so that a client that has its answer finds its line there.
 * CORS preflights are left out: API Gateway's CORS configuration answers them, which no OpenAPI
 * operation describes.
 */
public final class ContractReport implements ExchangeObserver, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContractCheck contracts;
    private final RouteTable routes;
    private final OutputStream out;

    private ContractReport(ContractCheck contracts, RouteTable routes, OutputStream out) {
        this.contracts = contracts;
        this.routes = routes;
        this.out = out;
    }

    /** A fresh report in {@code file} (its folder is made; a previous report there is replaced). */
    public static ContractReport open(ContractCheck contracts, RouteTable routes, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return new ContractReport(
                contracts,
                routes,
                Files.newOutputStream(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE));
    }

    @Override
    public void seen(IncomingRequest request, HttpReply reply) {
        String path = request.rawPath();
        boolean api = routes.match(request.method(), path).isPresent() || routes.isApiPath(path);
        if (!api || Cors.isPreflight(request)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", request.method());
        line.put("path", path + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        line.put("status", reply.status());
        try {
            Verdict verdict = contracts.check(exchange(request, reply));
            line.put("contract", verdict.contract());
            line.put("operationId", verdict.operationId());
            line.put("requestProblems", verdict.requestProblems());
            line.put("answerProblems", verdict.answerProblems());
            line.put("violations", ContractPolicy.violations(verdict, reply.status()));
        } catch (RuntimeException e) {
            // An exchange the check cannot judge is not one it may pass.
            line.put("violations", List.of("the contract check failed: " + e));
        }
        write(line);
    }

    private static Exchange exchange(IncomingRequest request, HttpReply reply) {
        boolean bodySent = !request.method().equalsIgnoreCase("HEAD") && reply.status() != 204 && reply.status() != 304;
        return new Exchange(
                request.method(),
                request.rawPath(),
                request.rawQuery(),
                request.headers(),
                request.body(),
                reply.status(),
                reply.headers(),
                bodySent ? reply.body() : new byte[0]);
    }

    private void write(Map<String, Object> line) {
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // The answer still goes out; the report's reader finds it short of this exchange.
            Console.gateway("could not write the contract report: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
