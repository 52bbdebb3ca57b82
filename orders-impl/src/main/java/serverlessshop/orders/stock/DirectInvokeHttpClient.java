package serverlessshop.orders.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import serverlessshop.httpapi.HttpApiEvent;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The transport under the generated products client: instead of sending each request over HTTP to
 * a public endpoint, it invokes the products function directly (Lambda {@code Invoke}, signed with
 * this function's own role) with the payload-2.0 event API Gateway would have built for the request,
 * and reads the function's payload-2.0 answer back as the HTTP response the client expects. The
 * invocation carries a client context naming the caller: API Gateway never sends one, so products
 * can tell a direct invocation from a public request.
 *
 * <p>Whatever keeps an answer from coming back (the SDK could not reach Lambda, the call timed out,
 * Lambda throttled, the function failed) is an {@link IOException}, which the client reports as "no
 * answer" (status 0), as it would a refused connection.
 */
public final class DirectInvokeHttpClient extends HttpClient {

    private static final Logger log = LoggerFactory.getLogger(DirectInvokeHttpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String functionName;
    private final String clientContext;

    /**
     * @param lambda       built once, with the function's own credentials
     * @param functionName the products function (its name, ARN or alias ARN)
     * @param caller       this service, as products sees it in {@code ClientContext.custom.caller}
     */
    public DirectInvokeHttpClient(LambdaClient lambda, String functionName, String caller) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.clientContext = Base64.getEncoder()
                .encodeToString(JSON.createObjectNode()
                        .set("custom", JSON.createObjectNode().put("caller", caller))
                        .toString()
                        .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A dry run of the invocation (Lambda checks the permission and runs nothing), made while the
     * application starts: the Lambda client's first call loads and resolves what every later call
     * reuses, so the first order does not pay for it within its short timeout, and a missing
     * permission shows in the log at once. Not fatal: the first order would only be slower.
     */
    public void warmUp() {
        try {
            lambda.invoke(InvokeRequest.builder()
                    .functionName(functionName)
                    .invocationType(InvocationType.DRY_RUN)
                    .build());
        } catch (SdkException e) {
            log.warn("A dry run invoking {} failed: {}", functionName, e.getMessage());
        }
    }

    /** A builder of the generated client's kind that always gives this client (its settings do not apply). */
    public HttpClient.Builder asBuilder() {
        return new FixedBuilder(this);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        InvokeRequest.Builder invoke = InvokeRequest.builder()
                .functionName(functionName)
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .clientContext(clientContext)
                .payload(SdkBytes.fromByteArrayUnsafe(eventOf(request).bytes()));
        request.timeout().ifPresent(timeout -> invoke.overrideConfiguration(call -> call.apiCallTimeout(timeout)));
        InvokeResponse response;
        try {
            response = lambda.invoke(invoke.build());
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new HttpTimeoutException("invoking " + functionName + ": " + e.getMessage());
        } catch (SdkException e) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("invoking " + functionName + " was interrupted");
            }
            // Throttled, refused by IAM, unreachable: no answer from products.
            throw new IOException("invoking " + functionName + ": " + e.getMessage(), e);
        }
        if (response.functionError() != null) {
            throw new IOException("invoking " + functionName + ": the function failed (" + response.functionError()
                    + "): " + response.payload().asUtf8String());
        }
        return responseOf(request, response.payload().asByteArray(), handler);
    }

    /** The event API Gateway would have built for this request: method, path, query, headers and body. */
    static HttpApiEvent eventOf(HttpRequest request) throws IOException {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        HttpApiEvent.Builder event =
                HttpApiEvent.request(request.method() + " " + path).query(uri.getRawQuery());
        request.headers().map().forEach((name, values) -> values.forEach(value -> event.header(name, value)));
        byte[] body = bodyOf(request);
        if (body.length > 0) {
            event.header("content-length", String.valueOf(body.length));
            event.body(new String(body, StandardCharsets.UTF_8));
        }
        return event.build();
    }

    private static byte[] bodyOf(HttpRequest request) throws IOException {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading the request body was interrupted");
        } catch (ExecutionException e) {
            throw new IOException("could not read the request body", e.getCause());
        }
        return out.toByteArray();
    }

    /** The function's payload-2.0 answer ({@code statusCode}, {@code headers}, {@code body}) as an HTTP response. */
    private static <T> HttpResponse<T> responseOf(
            HttpRequest request, byte[] payload, HttpResponse.BodyHandler<T> handler) throws IOException {
        JsonNode answer = JSON.readTree(payload);
        int status = answer.path("statusCode").asInt(0);
        if (status < 100) {
            throw new IOException("the function's answer has no statusCode");
        }
        Map<String, List<String>> headerMap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        answer.path("headers")
                .properties()
                .forEach(header -> headerMap
                        .computeIfAbsent(header.getKey(), name -> new ArrayList<>())
                        .add(header.getValue().asText()));
        answer.path("multiValueHeaders").properties().forEach(header -> {
            List<String> values = headerMap.computeIfAbsent(header.getKey(), name -> new ArrayList<>());
            header.getValue().forEach(value -> {
                if (!values.contains(value.asText())) {
                    values.add(value.asText());
                }
            });
        });
        HttpHeaders headers = HttpHeaders.of(headerMap, (name, value) -> true);
        String text = answer.path("body").asText("");
        byte[] body = answer.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        T value = bodyOf(handler.apply(new Info(status, headers)), body);
        return new Response<>(status, request, headers, value);
    }

    /** Hands the bytes to the handler's subscriber as the JDK client would, once it asks for them. */
    private static <T> T bodyOf(HttpResponse.BodySubscriber<T> subscriber, byte[] body) throws IOException {
        AtomicBoolean delivered = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0 && delivered.compareAndSet(false, true)) {
                    if (body.length > 0) {
                        subscriber.onNext(List.of(ByteBuffer.wrap(body)));
                    }
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                delivered.set(true);
            }
        });
        try {
            return subscriber.getBody().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } catch (ExecutionException e) {
            throw new IOException("could not read the function's answer", e.getCause());
        }
    }

    private record Info(int statusCode, HttpHeaders headers) implements HttpResponse.ResponseInfo {
        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
            implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        throw new UnsupportedOperationException("no TLS of its own: the Lambda client's");
    }

    @Override
    public SSLParameters sslParameters() {
        return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    /** What {@code ApiClient.setHttpClientBuilder} takes: its settings are the Lambda client's, set where it is built. */
    private record FixedBuilder(HttpClient client) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            return this;
        }

        @Override
        public HttpClient build() {
            return client;
        }
    }
}
