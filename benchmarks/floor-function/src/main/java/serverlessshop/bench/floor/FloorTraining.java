package serverlessshop.bench.floor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor's AOT cache training run (its Dockerfile's RUN, with -XX:AOTCacheOutput): the handler
 * started as Lambda starts it and fed the floor's one request, as the shop's functions are trained
 * on theirs, so that the request path is in the cache too. The JVM must exit normally to write it.
 */
public final class FloorTraining {

    /** How many times the request is sent: enough for its path to be loaded, linked and profiled. */
    private static final int REQUESTS = 200;

    private FloorTraining() {}

    public static void main(String[] args) throws Exception {
        StreamLambdaHandler handler = new StreamLambdaHandler();
        int ok = 0;
        for (int i = 0; i < REQUESTS; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] event = event("/items/item-" + i).getBytes(StandardCharsets.UTF_8);
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            if (out.toString(StandardCharsets.UTF_8).contains("\"statusCode\":200")) {
                ok++;
            }
        }
        System.out.println("AOT training of floor: " + ok + " of " + REQUESTS + " requests answered 200");
        System.exit(0);
    }

    /** A payload-2.0 event of API Gateway's HTTP API for GET {@code path}, as the gateway sends one. */
    static String event(String path) {
        return """
                {"version":"2.0","routeKey":"GET /items/{id}","rawPath":"%s","rawQueryString":"",\
                "headers":{"accept":"application/json","host":"localhost","user-agent":"aot-training"},\
                "requestContext":{"accountId":"000000000000","apiId":"floor","domainName":"localhost",\
                "domainPrefix":"localhost","http":{"method":"GET","path":"%s","protocol":"HTTP/1.1",\
                "sourceIp":"127.0.0.1","userAgent":"aot-training"},"requestId":"training",\
                "routeKey":"GET /items/{id}","stage":"$default","time":"05/Dec/2026:00:00:00 +0000",\
                "timeEpoch":1796428800000},"pathParameters":{"id":"%s"},"isBase64Encoded":false}""".formatted(path, path, path.substring(path.lastIndexOf('/') + 1));
    }
}
