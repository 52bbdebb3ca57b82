package serverlessshop.localcloud.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import serverlessshop.localcloud.gateway.HttpReply;

/**
 * The built static site (static-site/dist) at {@code /}, as S3 behind CloudFront serves it, with this
 * stack's {@code /config.json} next to index.html (see {@link SiteConfig}); until the site is built, a
 * small page that links Swagger UI and says how to sign in and get a token. Every answer has the
 * security headers of {@link SiteHeaders}.
 */
public final class StaticSite {

    public static final String CONFIG_PATH = "/config.json";

    private final Path root;
    private final byte[] config = SiteConfig.localJson();
    private final String policy;

    public StaticSite(Path dist) {
        this(dist, List.of());
    }

    /** @param connectSources origins the pages may connect to besides their own (the images bucket's endpoint) */
    public StaticSite(Path dist, List<String> connectSources) {
        this.root = dist.toAbsolutePath().normalize();
        this.policy = SiteHeaders.contentSecurityPolicy(connectSources);
    }

    public boolean isBuilt() {
        return Files.isRegularFile(root.resolve("index.html"));
    }

    public Path root() {
        return root;
    }

    /** Every answer carries the site's security headers, as CloudFront adds them to every answer of the site's behaviour. */
    public HttpReply handle(String method, String rawPath) throws IOException {
        if (!isBuilt() && (rawPath.equals("/") || rawPath.equals("/index.html"))) {
            return SiteHeaders.decorateInlinePage(serve(method, rawPath), policy);
        }
        return SiteHeaders.decorate(serve(method, rawPath), policy);
    }

    private HttpReply serve(String method, String rawPath) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notFound();
        }
        if (rawPath.equals(CONFIG_PATH)) {
            // The deployment's file, not the build's: a config.json in dist (there should be none) never wins.
            return HttpReply.of(200, "application/json", config).withHeader("cache-control", "no-store");
        }
        if (!isBuilt()) {
            return rawPath.equals("/") || rawPath.equals("/index.html") ? placeholder() : notFound();
        }
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            return notFound();
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return notFound();
        }
        return HttpReply.of(200, ContentTypes.of(file.getFileName().toString()), Files.readAllBytes(file));
    }

    private static HttpReply placeholder() throws IOException {
        try (InputStream in = StaticSite.class.getResourceAsStream("/web/home.html")) {
            if (in == null) {
                throw new IOException("web/home.html is missing from the class path");
            }
            return HttpReply.of(200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private static HttpReply notFound() {
        return HttpReply.of(
                404,
                "text/html; charset=utf-8",
                "<!doctype html><title>Not Found</title><h1>Not Found</h1>".getBytes(StandardCharsets.UTF_8));
    }
}
