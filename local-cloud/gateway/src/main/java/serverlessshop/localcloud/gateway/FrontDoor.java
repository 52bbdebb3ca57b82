package serverlessshop.localcloud.gateway;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import serverlessshop.localcloud.Console;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.s3.ImagesOrigin;
import serverlessshop.localcloud.web.StaticSite;
import serverlessshop.localcloud.web.SwaggerUi;

/**
 * Everything on the gateway's one port, in the order CloudFront and API Gateway would decide it:
 * CORS preflights; everything under /admin/ to the administrators' API, the prefix stripped as
 * CloudFront's function strips it (the same routes, an authorizer of the administrators' issuer; a
 * path no route has is its 404); the API's paths (a route of routes.json, or 404 {"message":"Not
 * Found"} before any function runs, 413 {"message":"Request Entity Too Large"} over API Gateway's
 * 10 MB payload limit); the images bucket under /images/ (CloudFront's behaviour for the image
 * sizes); the issuers under /oauth2 and /admin-oauth2; Swagger UI under /docs; the site for the rest. Requests that are not well-formed HTTP never get here: {@link GatewayServer}
 * refuses them. The observer sees each exchange just before its answer is written (the contract
 * report, or nothing), an administrators' one as the API saw it (without the prefix: the contracts'
 * paths). Like CloudFront's API origins, it adds the origin header to every request for either API,
 * replacing whatever the client sent under that name; {@link #apiEndpoint} is the shoppers' API's own
 * endpoint beside it (execute-api), which adds nothing and serves nothing but that API.
 */
public final class FrontDoor {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** CloudFront's behaviour {@code /admin/*}: the administrators' API, which the prefix is stripped for. */
    public static final String ADMIN_PREFIX = "/admin";

    private final RouteTable routes;
    private final HttpApi api;
    private final HttpApi adminApi;
    private final LocalIssuer issuer;
    private final SwaggerUi docs;
    private final StaticSite site;
    private final ExchangeObserver observer;
    private final Origin origin;
    private final ImagesOrigin images;

    /**
     * What CloudFront adds to each request it sends to the API: the functions serve only requests that
     * carry it (service-support's origin guard).
     */
    public record Origin(String header, String value) {}

    /** The shop's address without an origin header (a gateway whose functions do not ask for one). */
    public FrontDoor(
            RouteTable routes,
            HttpApi api,
            HttpApi adminApi,
            LocalIssuer issuer,
            SwaggerUi docs,
            StaticSite site,
            ExchangeObserver observer) {
        this(routes, api, adminApi, issuer, docs, site, observer, null);
    }

    /**
     * The shop's address, as CloudFront: the requests of both APIs get the origin header.
     *
     * @param api      the shoppers' API (its authorizer: the shoppers' issuer)
     * @param adminApi the administrators' API, under {@link #ADMIN_PREFIX} (null: none)
     */
    public FrontDoor(
            RouteTable routes,
            HttpApi api,
            HttpApi adminApi,
            LocalIssuer issuer,
            SwaggerUi docs,
            StaticSite site,
            ExchangeObserver observer,
            Origin origin) {
        this(routes, api, adminApi, issuer, docs, site, observer, origin, null);
    }

    /**
     * The shop's address, as CloudFront, with its {@code /images/*} behaviour: the images bucket.
     *
     * @param images the images bucket's objects under {@code /images/} (null: none)
     */
    public FrontDoor(
            RouteTable routes,
            HttpApi api,
            HttpApi adminApi,
            LocalIssuer issuer,
            SwaggerUi docs,
            StaticSite site,
            ExchangeObserver observer,
            Origin origin,
            ImagesOrigin images) {
        this.images = images;
        this.origin = origin;
        this.routes = routes;
        this.observer = observer;
        this.api = api;
        this.adminApi = adminApi;
        this.issuer = issuer;
        this.docs = docs;
        this.site = site;
    }

    /**
     * The API's own endpoint, as API Gateway's execute-api URL: the same routes, authorizer and
     * functions, no origin header added, and nothing else (no site, issuer or docs: 404).
     */
    public static FrontDoor apiEndpoint(RouteTable routes, HttpApi api, ExchangeObserver observer) {
        return new FrontDoor(routes, api, null, null, null, null, observer, null);
    }

    /** The answer to one request, whatever happens on the way: a failure is the gateway's own 500 or 503. */
    public HttpReply answer(IncomingRequest request) {
        Instant arrival = Instant.now();
        boolean forAdmins = adminApi != null && request.rawPath().startsWith(ADMIN_PREFIX + "/");
        IncomingRequest routed =
                forAdmins ? request.withRawPath(request.rawPath().substring(ADMIN_PREFIX.length())) : request;
        HttpReply reply;
        try {
            // A preflight is answered before routing, with its own CORS headers; the rest get theirs after.
            reply = Cors.isPreflight(request)
                    ? Cors.preflight(request)
                    : Cors.decorate(
                            request,
                            forAdmins
                                    ? toApi(adminApi, routed, routes.match(routed.method(), routed.rawPath()), arrival)
                                    : route(request, arrival));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = Cors.decorate(request, GatewayReplies.serviceUnavailable());
        } catch (RuntimeException | IOException e) {
            Console.gateway(request.method() + " " + request.rawPath() + ": " + e);
            reply = Cors.decorate(request, GatewayReplies.internalServerError());
        }
        observer.seen(routed, reply);
        return reply;
    }

    private HttpReply route(IncomingRequest request, Instant arrival) throws IOException, InterruptedException {
        String path = request.rawPath();
        Optional<RouteMatch> match = routes.match(request.method(), path);
        if (match.isPresent() || routes.isApiPath(path)) {
            return toApi(api, request, match, arrival);
        }
        if (site == null) {
            return GatewayReplies.notFound();
        }
        if (images != null && ImagesOrigin.handles(path)) {
            return images.handle(request.method(), path);
        }
        if (LocalIssuer.handles(path)) {
            return issuer.handle(request);
        }
        if (SwaggerUi.handles(path)) {
            return docs.handle(request.method(), path);
        }
        return site.handle(request.method(), path);
    }

    /** A request for one of the APIs (its path as that API sees it): its route's function, or its 404. */
    private HttpReply toApi(HttpApi target, IncomingRequest request, Optional<RouteMatch> match, Instant arrival)
            throws IOException, InterruptedException {
        String requestId = requestId();
        IncomingRequest forwarded = origin == null ? request : request.withHeader(origin.header(), origin.value());
        HttpReply reply = request.isOverPayloadLimit()
                ? GatewayReplies.contentTooLarge()
                : match.isPresent()
                        ? target.handle(forwarded, match.get(), requestId, arrival)
                        : GatewayReplies.notFound();
        long millis = java.time.Duration.between(arrival, Instant.now()).toMillis();
        Console.gateway(request.method() + " " + (target == adminApi ? ADMIN_PREFIX : "") + request.rawPath()
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery())
                + " -> " + reply.status()
                + match.map(m -> " (" + m.route().function() + ")").orElse(" (no route)")
                + " " + millis + " ms");
        return reply.withHeader("apigw-requestid", requestId);
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
