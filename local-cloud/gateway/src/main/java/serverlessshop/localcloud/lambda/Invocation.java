package serverlessshop.localcloud.lambda;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One event handed to a function instance, and the response (or failure) it will get; the client
 * context (JSON) of a direct invocation that sent one, else null (API Gateway never sends one).
 */
record Invocation(
        String requestId, byte[] event, String clientContext, Instant deadline, CompletableFuture<byte[]> result) {

    Invocation(String requestId, byte[] event, String clientContext, Instant deadline) {
        this(requestId, event, clientContext, deadline, new CompletableFuture<>());
    }
}
