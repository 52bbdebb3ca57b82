package serverlessshop.localcloud.lambda;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** One event handed to a function instance, and the response (or failure) it will get. */
record Invocation(String requestId, byte[] event, Instant deadline, CompletableFuture<byte[]> result) {

    Invocation(String requestId, byte[] event, Instant deadline) {
        this(requestId, event, deadline, new CompletableFuture<>());
    }
}
