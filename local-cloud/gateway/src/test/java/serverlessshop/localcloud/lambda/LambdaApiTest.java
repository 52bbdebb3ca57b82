package serverlessshop.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.Repository;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * The local Lambda API as the AWS SDK sees it: requests signed by the SDK's own SigV4 signer with a
 * function's key pair, checked as AWS checks them, and the target's resource policy applied; the
 * function is a real one (the Runtime Interface Client running {@link EchoHandler}), which shows the
 * client context it was handed.
 */
class LambdaApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LambdaApi.Role ORDERS = new LambdaApi.Role("orders", "AKIALOCALORDERS00001", "orders-secret");
    private static final LambdaApi.Role ECHO = new LambdaApi.Role("echo", "AKIALOCALECHO0000001", "echo-secret");
    private static final String CLIENT_CONTEXT =
            Base64.getEncoder().encodeToString("{\"custom\":{\"caller\":\"orders\"}}".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path taskRoot;

    private static LambdaFunction function;
    private static LambdaApi api;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(taskRoot.resolve("lib"));
        String entry = EchoHandler.class.getName().replace('.', '/') + ".class";
        try (InputStream classFile = EchoHandler.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(taskRoot.resolve("lib/echo.jar")))) {
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        FunctionImage image = new FunctionImage(
                "echo",
                taskRoot.resolve("Dockerfile"),
                EchoHandler.class.getName() + "::handleRequest",
                taskRoot,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        function = new LambdaFunction(
                image, LambdaEnvironment.of(image, Map.of(), Repository.runtimeLib()), Repository.runtimeLib());
        Map<String, LambdaApi.Role> roles = Map.of(ORDERS.accessKeyId(), ORDERS, ECHO.accessKeyId(), ECHO);
        api = LambdaApi.start(
                0,
                key -> Optional.ofNullable(roles.get(key)),
                target -> target.equals("echo") ? Set.of("orders") : Set.of());
        api.add(function);
    }

    @AfterAll
    static void stop() {
        api.close();
        function.close();
    }

    @Test
    void theRoleTheResourcePolicyAllowsInvokesAndTheHandlerSeesTheClientContext() throws IOException {
        InvokeResponse response;
        try (LambdaClient lambda = client(ORDERS.accessKeyId(), ORDERS.secretAccessKey())) {
            response = lambda.invoke(invoke -> invoke.functionName("echo")
                    .clientContext(CLIENT_CONTEXT)
                    .payload(SdkBytes.fromUtf8String("{\"say\":\"hello\"}")));
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        JsonNode answer = JSON.readTree(response.payload().asUtf8String());
        assertThat(answer.path("event").path("say").asText()).isEqualTo("hello");
        assertThat(answer.path("caller").asText())
                .as("ClientContext.custom.caller")
                .isEqualTo("orders");
    }

    @Test
    void anInvocationWithoutClientContextReachesTheHandlerWithout() throws IOException {
        InvokeResponse response;
        try (LambdaClient lambda = client(ORDERS.accessKeyId(), ORDERS.secretAccessKey())) {
            response =
                    lambda.invoke(invoke -> invoke.functionName("arn:aws:lambda:eu-west-1:000000000000:function:echo")
                            .payload(SdkBytes.fromUtf8String("{}")));
        }

        assertThat(JSON.readTree(response.payload().asUtf8String())
                        .path("caller")
                        .isNull())
                .isTrue();
    }

    @Test
    void aRoleTheResourcePolicyDoesNotListIsDenied() {
        try (LambdaClient lambda = client(ECHO.accessKeyId(), ECHO.secretAccessKey())) {
            assertThatThrownBy(() -> lambda.invoke(invoke -> invoke.functionName("echo")
                            .clientContext(CLIENT_CONTEXT)
                            .payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .contains("assumed-role/echo/echo is not authorized to perform: lambda:InvokeFunction");
                    });
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (LambdaClient lambda = client(ORDERS.accessKeyId(), "not-the-secret")) {
            assertThatThrownBy(() ->
                            lambda.invoke(invoke -> invoke.functionName("echo").payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognized() {
        try (LambdaClient lambda = client("AKIANOBODY0000000000", "whatever")) {
            assertThatThrownBy(() ->
                            lambda.invoke(invoke -> invoke.functionName("echo").payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void anUnsignedRequestIsRefusedBeforeAnythingRuns() throws Exception {
        int before = function.invocations();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.endpoint() + "/2015-03-31/functions/echo/invocations"))
                                .header("X-Amz-Client-Context", CLIENT_CONTEXT)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(function.invocations()).isEqualTo(before);
    }

    private static LambdaClient client(String accessKeyId, String secretAccessKey) {
        return LambdaClient.builder()
                .endpointOverride(URI.create(api.endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(
                        configuration -> configuration.retryStrategy(strategy -> strategy.maxAttempts(1)))
                .build();
    }
}
