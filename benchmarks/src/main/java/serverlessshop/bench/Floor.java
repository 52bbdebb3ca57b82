package serverlessshop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.lambda.AotCache;
import serverlessshop.localcloud.lambda.FunctionImage;
import serverlessshop.localcloud.lambda.FunctionMemory;
import serverlessshop.localcloud.lambda.LambdaEnvironment;

/**
 * The floor: benchmarks/floor-function, the least a Spring Boot function on aws-serverless-java-container
 * can be (one GET endpoint, nothing else), launched as the shop's functions are: the same
 * {@link ColdStarts} (the gateway's LambdaFunction, the image's launcher and JVM options, the Runtime
 * API), the memory the deployment gives the shop's functions, and its own AOT cache made from its own
 * training run as the stack makes theirs. What it costs is the framework's part of a cold start; each of
 * the shop's cold starts is also given as a ratio to it, measured in the same run ("above the floor").
 */
final class Floor {

    static final String NAME = "floor";
    static final String SECTION = "Cold start above the floor (the function ÷ the floor, the same configuration)";

    private final Layout layout;
    private final FunctionImage image;
    private final int memoryMb;
    private Map<String, Samples> coldStarts = Map.of();

    Floor(Layout layout) throws IOException {
        this.layout = layout;
        this.image = FunctionImage.read(NAME, layout.floorDockerfile());
        // The image is outside the deployment; it runs with the memory the shop's API functions get.
        this.memoryMb = FunctionMemory.megabytes(FunctionImage.read("products", layout.dockerfile("products")));
    }

    /** Makes the floor's AOT cache as the local cloud makes a function's, unless it is fresh. */
    void prepare() throws IOException, InterruptedException {
        Path runtimeLib = layout.runtimeLib();
        if (!AotCache.ensure(image, LambdaEnvironment.of(image, Map.of(), runtimeLib, memoryMb), runtimeLib)) {
            throw new IOException("the floor's AOT cache could not be made (see " + NAME + " in functions.log)");
        }
    }

    /** Its cold starts, untuned, without and with its AOT cache, as the shop's functions are measured. */
    void measureColdStarts(Report report, int launches) throws Exception {
        prepare();
        List<JvmConfiguration> configurations =
                List.of(JvmConfiguration.untuned(), JvmConfiguration.withoutAotCache(), JvmConfiguration.production());
        coldStarts = new ColdStarts(layout.runtimeLib(), 0, memoryMb)
                .measure(image, Map.of(), event("item-1"), configurations, launches);
        report.method(
                "Floor",
                "benchmarks/floor-function: Spring Boot with aws-serverless-java-container-springboot3 and"
                        + " spring-boot-starter-web without Tomcat (as the container's Spring Boot 3 sample), one GET"
                        + " endpoint answering a small JSON record, no database, no security, no service-support;"
                        + " its image built like the functions' (the same base image, launcher, ENTRYPOINT and"
                        + " class path rule), its AOT cache made by a training run of 200 of its own requests. Its"
                        + " cold starts are measured like the functions' (the same configurations, taking turns"
                        + " launch by launch, the memory of the API functions), in the same run, just before"
                        + " them; above the floor = the function's median ÷ the floor's, configuration by"
                        + " configuration, and the difference.");
        Samples untuned = coldStarts.get(JvmConfiguration.untuned().name());
        for (JvmConfiguration configuration : configurations.subList(1, configurations.size())) {
            Samples measured = coldStarts.get(configuration.name());
            report.add(new Row(
                    "Cold start to first response (median of " + launches + ")",
                    NAME + ": " + configuration.name(),
                    Row.duration(measured.median()) + " (" + Row.duration(measured.min()) + "–"
                            + Row.duration(measured.max()) + ")",
                    Row.duration(untuned.median()) + " (untuned)",
                    Row.ratio(measured.median(), untuned.median()),
                    "",
                    null));
        }
    }

    /** The function's cold starts beside the floor's of the same configuration: what the shop adds. */
    void reportAbove(Report report, String function, Map<String, Samples> functionColdStarts) {
        for (JvmConfiguration configuration : List.of(JvmConfiguration.untuned(), JvmConfiguration.production())) {
            Samples floor = coldStarts.get(configuration.name());
            Samples measured = functionColdStarts.get(configuration.name());
            if (floor == null || measured == null) {
                continue;
            }
            report.add(new Row(
                    SECTION,
                    function + ": " + configuration.name(),
                    Row.duration(measured.median()) + " (+" + Row.duration(measured.median() - floor.median()) + ")",
                    Row.duration(floor.median()) + " (floor)",
                    Row.ratio(measured.median(), floor.median()),
                    "",
                    null));
        }
    }

    /** A payload-2.0 event of the floor's one route, as API Gateway's HTTP API sends it. */
    static byte[] event(String id) {
        String path = "/items/" + id;
        return """
                {"version":"2.0","routeKey":"GET /items/{id}","rawPath":"%s","rawQueryString":"",\
                "headers":{"accept":"application/json","host":"localhost","user-agent":"make-bench"},\
                "requestContext":{"accountId":"000000000000","apiId":"floor","domainName":"localhost",\
                "domainPrefix":"localhost","http":{"method":"GET","path":"%s","protocol":"HTTP/1.1",\
                "sourceIp":"127.0.0.1","userAgent":"make-bench"},"requestId":"bench",\
                "routeKey":"GET /items/{id}","stage":"$default","time":"05/Dec/2026:00:00:00 +0000",\
                "timeEpoch":1796428800000},"pathParameters":{"id":"%s"},"isBase64Encoded":false}""".formatted(path, path, id).getBytes(StandardCharsets.UTF_8);
    }
}
