package serverlessshop.localcloud.gateway;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import serverlessshop.localcloud.Console;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.web.StaticSite;
import serverlessshop.localcloud.web.SwaggerUi;

/**
 * Everything on the gateway's one port, in the order CloudFront and API Gateway would decide it:
 * CORS preflights; the API's paths (a route of routes.json, or 404 {"message":"Not Found"} before
 * any function runs, 413 {"message":"Request Entity Too Large"} over API Gateway's 10 MB payload
 * limit); the issuer under /oauth2; Swagger UI under /docs; the site for the rest. Requests that are
 * not well-formed HTTP never get here: {@link GatewayServer} refuses them. The
 * observer sees each exchange just before its answer is written (the contract report, or nothing).
 * Like CloudFront's API origin, it adds the origin header to every request for the API, replacing
 * whatever the client sent under that name; {@link #apiEndpoint} is the API's own endpoint beside it
 * (execute-api), which adds nothing and serves nothing but the API.
 */
public final class FrontDoor {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouteTable routes;
    private final HttpApi api;
    private final LocalIssuer issuer;
    private final SwaggerUi docs;
    private final StaticSite site;
    private final ExchangeObserver observer;
    private final Origin origin;

    /**
     * What CloudFront adds to each request it sends to the API: the functions serve only requests that
     * carry it (service-support's origin guard).
     */
    public record Origin(String header, String value) {}

    /** The shop's address without an origin header (a gateway whose functions do not ask for one). */
    public FrontDoor(
            RouteTable routes,
            HttpApi api,
            LocalIssuer issuer,
            SwaggerUi docs,
            StaticSite site,
            ExchangeObserver observer) {
        this(routes, api, issuer, docs, site, observer, null);
    }

    /** The shop's address, as CloudFront: the API's requests get the origin header. */
    public FrontDoor(
            RouteTable routes,
            HttpApi api,
            LocalIssuer issuer,
            SwaggerUi docs,
            StaticSite site,
            ExchangeObserver observer,
            Origin origin) {
        this.origin = origin;
        this.routes = routes;
        this.observer = observer;
        this.api = api;
        this.issuer = issuer;
        this.docs = docs;
        this.site = site;
    }

    /**
     * The API's own endpoint, as API Gateway's execute-api URL: the same routes, authorizer and
     * functions, no origin header added, and nothing else (no site, issuer or docs: 404).
     */
    public static FrontDoor apiEndpoint(RouteTable routes, HttpApi api, ExchangeObserver observer) {
        return new FrontDoor(routes, api, null, null, null, observer, null);
    }

    /** The answer to one request, whatever happens on the way: a failure is the gateway's own 500 or 503. */
    public HttpReply answer(IncomingRequest request) {
        Instant arrival = Instant.now();
        HttpReply reply;
        try {
            // A preflight is answered before routing, with its own CORS headers; the rest get theirs after.
            reply = Cors.isPreflight(request)
                    ? Cors.preflight(request)
                    : Cors.decorate(request, route(request, arrival));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = Cors.decorate(request, GatewayReplies.serviceUnavailable());
        } catch (RuntimeException | IOException e) {
            Console.gateway(request.method() + " " + request.rawPath() + ": " + e);
            reply = Cors.decorate(request, GatewayReplies.internalServerError());
        }
        observer.seen(request, reply);
        return reply;
    }

    private HttpReply route(IncomingRequest request, Instant arrival) throws IOException, InterruptedException {
        String path = request.rawPath();
        Optional<RouteMatch> match = routes.match(request.method(), path);
        if (match.isPresent() || routes.isApiPath(path)) {
            String requestId = requestId();
            IncomingRequest forwarded = origin == null ? request : request.withHeader(origin.header(), origin.value());
            HttpReply reply = request.isOverPayloadLimit()
                    ? GatewayReplies.contentTooLarge()
                    : match.isPresent()
                            ? api.handle(forwarded, match.get(), requestId, arrival)
                            : GatewayReplies.notFound();
            long millis = java.time.Duration.between(arrival, Instant.now()).toMillis();
            Console.gateway(
                    request.method() + " " + path + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery())
                            + " -> " + reply.status()
                            + match.map(m -> " (" + m.route().function() + ")").orElse(" (no route)")
                            + " " + millis + " ms");
            return reply.withHeader("apigw-requestid", requestId);
        }
        if (site == null) {
            return GatewayReplies.notFound();
        }
        if (LocalIssuer.handles(path)) {
            return issuer.handle(request);
        }
        if (SwaggerUi.handles(path)) {
            return docs.handle(request.method(), path);
        }
        return site.handle(request.method(), path);
    }

    /** Like API Gateway's request ids: 16 characters ending in "=". */
    private static String requestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder()
                        .encodeToString(bytes)
                        .substring(0, 15)
                        .replace('/', 'x')
                        .replace('+', 'y') + "=";
    }
}
