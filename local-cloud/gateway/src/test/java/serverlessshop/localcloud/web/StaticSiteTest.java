package serverlessshop.localcloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.localcloud.gateway.HttpReply;
import serverlessshop.localcloud.issuer.LocalIssuer;

class StaticSiteTest {

    @Test
    void servesTheBuiltSite(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<h1>shop</h1>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app.js"), "console.log(1)");
        Files.writeString(dist.getParent().resolve("secret.txt"), "not for the web");
        StaticSite site = new StaticSite(dist);

        assertThat(new String(site.handle("GET", "/").body(), StandardCharsets.UTF_8))
                .isEqualTo("<h1>shop</h1>");
        assertThat(site.handle("GET", "/assets/app.js").header("content-type")).startsWith("text/javascript");
        assertThat(site.handle("GET", "/missing.js").status()).isEqualTo(404);
        assertThat(site.handle("GET", "/../secret.txt").status()).isEqualTo(404);
        assertThat(site.handle("GET", "/%2e%2e/secret.txt").status()).isEqualTo(404);
        assertThat(site.handle("POST", "/").status()).isEqualTo(404);
    }

    @Test
    void servesThisStacksConfigJsonNextToIndexHtml(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<h1>shop</h1>");
        Files.writeString(dist.resolve("config.json"), "{\"client_id\": \"from-the-build\"}");
        HttpReply reply = new StaticSite(dist).handle("GET", "/config.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo("application/json");
        assertThat(reply.header("cache-control")).isEqualTo("no-store");
        JsonNode config = new ObjectMapper().readTree(reply.body());
        assertThat(config.path("client_id").asText()).isEqualTo(LocalIssuer.WEB_CLIENT);
        assertThat(config.path("api_base_url").asText()).isEmpty();
        assertThat(config.path("authorize_url").asText()).isEqualTo("/oauth2/authorize");
        assertThat(config.path("token_url").asText()).isEqualTo("/oauth2/token");
        assertThat(config.path("revoke_url").asText()).isEqualTo("/oauth2/revoke");
        assertThat(config.path("scopes").toString()).isEqualTo("[\"openid\",\"shop/orders\"]");
        // The administrators' sign-in: their own issuer and client, and the API under /admin for their tokens.
        JsonNode admin = config.path("admin");
        assertThat(admin.path("api_base_url").asText()).isEqualTo("/admin");
        assertThat(admin.path("authorize_url").asText()).isEqualTo("/admin-oauth2/authorize");
        assertThat(admin.path("token_url").asText()).isEqualTo("/admin-oauth2/token");
        assertThat(admin.path("logout_url").asText()).isEmpty();
        assertThat(admin.path("revoke_url").asText()).isEqualTo("/admin-oauth2/revoke");
        assertThat(admin.path("client_id").asText()).isEqualTo(LocalIssuer.ADMIN_CLIENT);
        assertThat(admin.path("scopes").toString()).isEqualTo("[\"openid\",\"shop/orders\"]");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<h1>shop</h1>");
        StaticSite site = new StaticSite(dist);

        for (HttpReply reply : List.of(
                site.handle("GET", "/"), site.handle("GET", "/config.json"), site.handle("GET", "/missing.js"))) {
            assertThat(reply.header("content-security-policy"))
                    .contains("script-src 'self';")
                    .contains("style-src 'self';")
                    .contains("connect-src 'self';")
                    .contains("object-src 'none'")
                    .contains("base-uri 'self'")
                    .endsWith("frame-ancestors 'none'")
                    .doesNotContain("unsafe");
            assertThat(reply.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(reply.header("referrer-policy")).isEqualTo("no-referrer");
            assertThat(reply.header("permissions-policy")).contains("camera=()");
            assertThat(reply.header("strict-transport-security"))
                    .as("plain HTTP locally")
                    .isNull();
        }
    }

    @Test
    void thePagesMayConnectToTheImagesBucketAndShowImagesOfTheirOwnOriginOnly(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<h1>shop</h1>");
        StaticSite site = new StaticSite(dist, List.of("http://localhost:9000"));

        for (HttpReply reply : List.of(site.handle("GET", "/"), site.handle("GET", "/config.json"))) {
            assertThat(reply.header("content-security-policy"))
                    .as("the administrators' page POSTs an upload to the bucket")
                    .contains("connect-src 'self' http://localhost:9000;")
                    .as("the sizes are served at /images/ on the shop's own origin")
                    .contains("img-src 'self' data:;")
                    .contains("form-action 'self'");
        }
        HttpReply startPage =
                new StaticSite(dist.resolve("not-built"), List.of("http://localhost:9000")).handle("GET", "/");
        assertThat(startPage.header("content-security-policy")).contains("connect-src 'self' http://localhost:9000;");
    }

    @Test
    void theStartPageAllowsExactlyItsOwnInlineScriptAndStyle(@TempDir Path nothing) throws Exception {
        HttpReply reply = new StaticSite(nothing.resolve("dist")).handle("GET", "/");
        String page = new String(reply.body(), StandardCharsets.UTF_8);
        String script = page.substring(page.indexOf("<script>") + 8, page.indexOf("</script>"));
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.header("content-security-policy"))
                .contains("script-src 'self' 'sha256-" + hash + "';")
                .containsPattern("style-src 'self' 'sha256-[A-Za-z0-9+/=]+';")
                .doesNotContain("unsafe");
    }

    @Test
    void untilTheSiteIsBuiltAStartPageSaysHowToSignIn(@TempDir Path nothing) throws Exception {
        StaticSite site = new StaticSite(nothing.resolve("dist"));
        String page = new String(site.handle("GET", "/").body(), StandardCharsets.UTF_8);
        assertThat(page).contains("/docs").contains("make token USER=alice").contains("Sign in");
        assertThat(site.handle("GET", "/app.js").status()).isEqualTo(404);
    }
}
