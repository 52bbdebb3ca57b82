package serverlessshop.localcloud.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import serverlessshop.localcloud.issuer.IssuerClient;
import serverlessshop.localcloud.issuer.LocalIssuer;

/**
 * Where the run's access tokens come from: a shell command that prints one (TOKEN_CMD for a customer,
 * ADMIN_TOKEN_CMD for an administrator; in AWS e.g. an {@code aws cognito-idp} call, which for an
 * administrator must answer the administrators' pool's TOTP challenge too), else the local cloud's own
 * issuers when the deployment has them (the shoppers', and the administrators' for an administrator),
 * as {@code make token} signs in. Tokens are never printed.
 */
final class Tokens {

    /** A token and the subject (the customer's id) it carries. */
    record Token(String value, String subject) {}

    /** Why a token is not to be had, when there is no way to get one: the run skips what needs it. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final boolean local;

    private Tokens(String base, boolean local) {
        this.base = base;
        this.local = local;
    }

    /** Looks for the local cloud's issuer at the deployment (its discovery document). */
    static Tokens at(String base) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> discovery = http.send(
                    HttpRequest.newBuilder(URI.create(base + LocalIssuer.PATH + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean found = discovery.statusCode() == 200
                    && JSON.readTree(discovery.body()).hasNonNull("token_endpoint");
            return new Tokens(base, found);
        } catch (IOException e) {
            return new Tokens(base, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Tokens(base, false);
        }
    }

    private IssuerClient localIssuer(boolean admin) {
        return admin ? IssuerClient.administrators(URI.create(base)) : IssuerClient.shoppers(URI.create(base));
    }

    /**
     * A token from {@code command} when one is given, else from the local issuer for {@code localUser}
     * (the administrators' issuer for an administrator).
     *
     * @throws Unavailable when neither is there ({@code variable} names the command's variable)
     * @throws IOException when the command or the issuer was there and failed
     */
    Token get(String command, String variable, String localUser, boolean admin)
            throws Unavailable, IOException, InterruptedException {
        if (command != null && !command.isBlank()) {
            return parse(run(command, variable), variable);
        }
        if (!local) {
            throw new Unavailable(variable + " is not set, and the deployment has no local issuer");
        }
        return parse(localIssuer(admin).signIn(localUser), "the local issuer");
    }

    /** Where tokens come from, for the run's heading. */
    String describe(String command, String variable, boolean admin) {
        if (command != null && !command.isBlank()) {
            return variable;
        }
        return local
                ? "the local issuer " + base + (admin ? LocalIssuer.ADMIN_PATH : LocalIssuer.PATH)
                : "none (" + variable + " is not set)";
    }

    private static String run(String command, String variable) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(variable + " did not finish in " + COMMAND_TIMEOUT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            String error = stderr.join().strip();
            throw new IOException(variable + " failed (exit " + process.exitValue() + ")"
                    + (error.isEmpty() ? "" : ": " + (error.length() > 300 ? error.substring(0, 300) + "..." : error)));
        }
        return stdout.join().strip();
    }

    private static String read(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token's subject, read (not verified: the deployment verifies it) from its payload. */
    private static Token parse(String token, String source) throws IOException {
        String[] parts = token.split("\\.");
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String subject = claims.path("sub").asText("");
            if (subject.isEmpty()) {
                throw new IOException(source + " printed a token without a subject (sub)");
            }
            return new Token(token, subject);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(source + " printed something that is not a JWT (one line: header.payload.signature)");
        }
    }
}
