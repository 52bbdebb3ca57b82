package serverlessshop.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import serverlessshop.localcloud.auth.JwtAuthorizer;
import serverlessshop.localcloud.gateway.ExchangeObserver;
import serverlessshop.localcloud.gateway.FrontDoor;
import serverlessshop.localcloud.gateway.GatewayServer;
import serverlessshop.localcloud.gateway.HttpApi;
import serverlessshop.localcloud.gateway.RouteTable;
import serverlessshop.localcloud.issuer.LocalIssuer;
import serverlessshop.localcloud.web.StaticSite;
import serverlessshop.localcloud.web.SwaggerUi;

/**
 * Raw requests no HTTP client would send, written byte for byte over a plain socket to the gateway
 * as {@code make run} serves it (its server and front door, the routes of routes.json, the JWT
 * authorizer, the issuer, Swagger UI and the site; no function, which none of these requests may
 * reach): every one gets a well-formed HTTP response whose body is API Gateway's JSON
 * ({@code {"message": ...}}, application/json), never a server's HTML error page, and the gateway
 * still answers good requests afterwards.
 */
class GatewayMalformedRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_REQUEST = "{\"message\":\"Bad Request\"}";
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GatewayServer gateway;
    private static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = gateway.port();
        LocalIssuer issuer = new LocalIssuer("localhost:" + port);
        JwtAuthorizer authorizer = new JwtAuthorizer(issuer.issuerUrl(), LocalIssuer.AUDIENCES, Clock.systemUTC());
        gateway.serve(new FrontDoor(
                RouteTable.load(Repository.routesJson()),
                new HttpApi(authorizer, Map.of(), port),
                new HttpApi(
                        new JwtAuthorizer(issuer.adminIssuerUrl(), LocalIssuer.ADMIN_AUDIENCES, Clock.systemUTC()),
                        Map.of(),
                        port),
                issuer,
                new SwaggerUi(Repository.root().resolve("api-spec")),
                new StaticSite(Repository.root().resolve("static-site/dist")),
                ExchangeObserver.NONE)::answer);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A name, the raw request, the status API Gateway answers it with. */
    static Stream<Arguments> corpus() {
        String host = "Host: localhost\r\n";
        String huge = "x".repeat(11_000);
        return Stream.of(
                bad(
                        "bad percent-encoding in the query",
                        "GET /products?cursor=%%%garbage HTTP/1.1\r\n" + host + "\r\n"),
                bad("a lone percent sign in the query", "GET /products?cursor=% HTTP/1.1\r\n" + host + "\r\n"),
                bad("bad percent-encoding in the path", "GET /products/%zz HTTP/1.1\r\n" + host + "\r\n"),
                bad("a truncated escape in the path", "GET /products/abc%4 HTTP/1.1\r\n" + host + "\r\n"),
                bad("bad percent-encoding on a site path", "GET /%zz HTTP/1.1\r\n" + host + "\r\n"),
                bad("bad percent-encoding on the issuer", "GET /oauth2/%zz HTTP/1.1\r\n" + host + "\r\n"),
                bad("characters RFC 3986 forbids unencoded", "GET /products?q={a|b} HTTP/1.1\r\n" + host + "\r\n"),
                bad("a fragment in the target", "GET /products#top HTTP/1.1\r\n" + host + "\r\n"),
                bad("a raw non-ASCII byte in the target", "GET /products/\u00e9 HTTP/1.1\r\n" + host + "\r\n"),
                bad("a control character in the target", "GET /products/\u0001 HTTP/1.1\r\n" + host + "\r\n"),
                bad("a NUL byte in the target", "GET /products\u0000 HTTP/1.1\r\n" + host + "\r\n"),
                bad("a NUL byte in the method", "G\u0000T / HTTP/1.1\r\n" + host + "\r\n"),
                bad("a request line of two words", "GET /products\r\n" + host + "\r\n"),
                bad("an HTTP/0.9 request", "GET /\r\n"),
                bad("a method alone", "GET\r\n\r\n"),
                bad("four words on the request line", "GET /products HTTP/1.1 extra\r\n" + host + "\r\n"),
                bad("an HTTP/2.0 request line", "GET /products HTTP/2.0\r\n" + host + "\r\n"),
                bad("the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                bad("an unknown protocol", "GET /products FOO/1.1\r\n" + host + "\r\n"),
                bad("an asterisk target", "OPTIONS * HTTP/1.1\r\n" + host + "\r\n"),
                bad("a target that is not a path", "GET products HTTP/1.1\r\n" + host + "\r\n"),
                bad("an absolute URI of another scheme", "GET ftp://localhost/products HTTP/1.1\r\n" + host + "\r\n"),
                bad("bare LF line endings", "GET /products HTTP/1.1\nHost: localhost\n\n"),
                bad("a bare CR in the request line", "GET /a\rb HTTP/1.1\r\n" + host + "\r\n"),
                bad("a header line without a colon", "GET /products HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n"),
                bad("a space in a header name", "GET /products HTTP/1.1\r\n" + host + "Bad Name: x\r\n\r\n"),
                bad("a space before the colon", "GET /products HTTP/1.1\r\n" + host + "X-Test : x\r\n\r\n"),
                bad(
                        "a control character in a header name",
                        "GET /products HTTP/1.1\r\n" + host + "X-\u0001: x\r\n\r\n"),
                bad(
                        "a control character in a header value",
                        "GET /products HTTP/1.1\r\n" + host + "X-Test: a\u0001b\r\n\r\n"),
                bad("a NUL byte in a header value", "GET /products HTTP/1.1\r\n" + host + "X-Test: a\u0000b\r\n\r\n"),
                bad("an empty header name", "GET /products HTTP/1.1\r\n" + host + ": x\r\n\r\n"),
                bad(
                        "a header value over API Gateway's 10,240 bytes",
                        "GET /products HTTP/1.1\r\n" + host + "X-Huge: " + huge + "\r\n\r\n"),
                bad(
                        "many headers over API Gateway's 10,240 bytes",
                        "GET /products HTTP/1.1\r\n" + host + ("X-Many: " + "y".repeat(100) + "\r\n").repeat(110)
                                + "\r\n"),
                bad(
                        "a request line over API Gateway's 10,240 bytes",
                        "GET /products?q=" + huge + " HTTP/1.1\r\n" + host + "\r\n"),
                bad(
                        "a request line over the codec's limit",
                        "GET /products?q=" + "z".repeat(50_000) + " HTTP/1.1\r\n" + host + "\r\n"),
                bad(
                        "a Content-Length that is not a number",
                        "POST /products HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n"),
                bad("a negative Content-Length", "POST /products HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n"),
                bad(
                        "two different Content-Lengths",
                        "POST /products HTTP/1.1\r\n" + host + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab"),
                bad(
                        "Content-Length beside Transfer-Encoding",
                        "POST /products HTTP/1.1\r\n" + host
                                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad(
                        "a Transfer-Encoding other than chunked",
                        "POST /products HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n"),
                bad(
                        "chunked twice",
                        "POST /products HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
                bad(
                        "chunked not last",
                        "POST /products HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                bad(
                        "Transfer-Encoding on HTTP/1.0",
                        "POST /products HTTP/1.0\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad(
                        "a chunk size that is not hex",
                        "POST /products HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n"),
                Arguments.of(
                        "an absolute-form target (RFC 9112: servers accept it)",
                        "GET http://localhost/orders HTTP/1.1\r\n" + host + "\r\n",
                        404,
                        NOT_FOUND),
                Arguments.of("HTTP/1.0 without Host", "GET /orders HTTP/1.0\r\n\r\n", 404, NOT_FOUND),
                Arguments.of(
                        "a folded header line (RFC 9112: replaced by a space)",
                        "GET /orders HTTP/1.1\r\n" + host + "X-Test: a\r\n folded\r\n\r\n",
                        404,
                        NOT_FOUND),
                Arguments.of(
                        "empty lines before the request line (RFC 9112: ignored)",
                        "\r\n\r\nGET /orders HTTP/1.1\r\n" + host + "\r\n",
                        404,
                        NOT_FOUND));
    }

    private static Arguments bad(String name, String request) {
        return Arguments.of(name, request, 400, BAD_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyMalformedRequestGetsApiGatewaysJsonNeverHtml(String name, String request, int status, String body)
            throws IOException {
        Response response = exchange(request);
        assertThat(response.status()).as(name + ": " + response).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as(name).isEqualTo("application/json");
        assertThat(response.body()).as(name).doesNotContain("<");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.isObject() && json.path("message").isTextual())
                .as(name + ": " + response.body())
                .isTrue();
        assertThat(response.body()).as(name).isEqualTo(body);
    }

    @Test
    void afterTheWholeCorpusGoodRequestsStillWorkOnOneKeptAliveConnection() throws Exception {
        for (Arguments arguments : corpus().toList()) {
            exchange((String) arguments.get()[1]);
        }
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /orders HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Response first = read(in);
            assertThat(first.status()).isEqualTo(404);
            assertThat(first.body()).isEqualTo(NOT_FOUND);
            out.write("GET /config.json HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Response second = read(in);
            assertThat(second.status()).as("the same connection, kept alive").isEqualTo(200);
            assertThat(JSON.readTree(second.body()).isObject()).isTrue();
        }
        HttpResponse<String> unauthorized = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/products"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorized.statusCode())
                .as("a fresh connection, through the authorizer")
                .isEqualTo(401);
        assertThat(unauthorized.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    void aMalformedRequestAfterAGoodOneOnTheSameConnectionGetsBothAnswersInOrderThenTheConnectionCloses()
            throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(("GET /orders HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                    + "GET /products?cursor=%%%garbage HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(read(in).body()).isEqualTo(NOT_FOUND);
            Response refused = read(in);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.headers().get("connection")).isEqualTo("close");
            assertThat(in.read())
                    .as("the connection is closed after the refusal")
                    .isEqualTo(-1);
        }
    }

    private static Response exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    record Response(String statusLine, int status, Map<String, String> headers, String body) {}

    /** One HTTP/1.1 response: a status line, headers, and exactly Content-Length bytes of body. */
    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).as("a status line").matches("HTTP/1\\.[01] \\d{3} .*");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            assertThat(colon).as("a header line: " + line).isPositive();
            headers.put(
                    line.substring(0, colon).toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        assertThat(headers).as("a response with a body states its length").containsKey("content-length");
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Response(
                statusLine,
                Integer.parseInt(statusLine.substring(9, 12)),
                headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b)
                    .as("the response ends mid-line: " + line.toString(StandardCharsets.ISO_8859_1))
                    .isNotEqualTo(-1);
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).as("lines end with CRLF").endsWith("\r");
        return text.substring(0, text.length() - 1);
    }
}
