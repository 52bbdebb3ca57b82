package serverlessshop.localstack.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import serverlessshop.localstack.auth.AuthorizerDecision;

/**
 * Builds the event API Gateway's HTTP API sends a Lambda function (payload format 2.0): lower-case
 * header names with repeated values joined by commas, cookies taken out of the headers into
 * {@code cookies}, decoded query parameters (repeats joined by commas), path parameters, the request
 * context with the JWT authorizer's claims, and the body, base64-encoded when it is not text.
 */
public final class PayloadV2Event {

    public static final String ACCOUNT_ID = "000000000000";
    public static final String API_ID = "local";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private PayloadV2Event() {
    }

    public static ObjectNode of(IncomingRequest request, RouteMatch match, AuthorizerDecision authorizer,
                                String requestId, Instant time, int gatewayPort) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        List<String> cookies = cookies(request.header("cookie"));
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        // What API Gateway adds in front of every integration.
        headers.put("x-forwarded-for", request.sourceIp());
        headers.put("x-forwarded-port", String.valueOf(gatewayPort));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-amzn-trace-id", "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-"
                + requestId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT));

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", API_ID);
        String host = request.header("host") == null ? "localhost" : request.header("host");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent") == null ? "" : request.header("user-agent"));
        context.put("requestId", requestId);
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", TIME.format(time));
        context.put("timeEpoch", time.toEpochMilli());
        if (authorizer instanceof AuthorizerDecision.Allow allow) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            allow.claims().forEach(claims::put);
            if (allow.scopes() == null) {
                jwt.putNull("scopes");
            } else {
                ArrayNode scopes = jwt.putArray("scopes");
                allow.scopes().forEach(scopes::add);
            }
        }

        if (request.body().length > 0) {
            boolean text = isText(request.header("content-type"));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** "a=1; b=2" as ["a=1", "b=2"]. */
    static List<String> cookies(String header) {
        List<String> cookies = new ArrayList<>();
        if (header != null) {
            for (String cookie : header.split(";|,")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    /** API Gateway's queryStringParameters: a repeated parameter's values joined with commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        RequestTarget.queryParameters(rawQuery).forEach((name, values) -> parameters.put(name, String.join(",", values)));
        return parameters;
    }

    /** Text bodies travel as they are; anything else (images, octet streams) base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        // split with a limit: ";;;".split(";") is an empty array, and [0] was a 500 of the gateway
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
    }
}
