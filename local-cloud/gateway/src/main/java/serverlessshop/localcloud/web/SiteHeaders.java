package serverlessshop.localcloud.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import serverlessshop.localcloud.gateway.HttpReply;

/**
 * The security headers the site gets, as CloudFront's response-headers policy adds them in AWS
 * (terraform/modules/site), with the local origins: the API and the issuer are both on the
 * gateway's own origin here, so {@code connect-src} is {@code 'self'} and the images bucket's
 * endpoint alone, where the administrators' page POSTs an image's upload (the sizes are read back
 * from {@code /images/} on the shop's own origin: {@code img-src} stays {@code 'self'}). Strict-Transport-Security
 * is AWS's only: the local cloud speaks plain HTTP, and a browser would remember it for localhost.
 */
public final class SiteHeaders {

    /** No inline script or style anywhere: the build emits files only, and an injected tag does not run. */
    public static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** The return from a sign-in carries the authorization code in the URL: no page may pass it on. */
    public static final String REFERRER_POLICY = "no-referrer";

    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private SiteHeaders() {}

    public static HttpReply decorate(HttpReply reply) {
        return decorate(reply, CONTENT_SECURITY_POLICY);
    }

    /** The policy with more origins the pages may connect to (the images bucket's endpoint). */
    public static String contentSecurityPolicy(List<String> connectSources) {
        return CONTENT_SECURITY_POLICY.replace(
                "connect-src 'self'",
                String.join(
                        " ",
                        Stream.concat(Stream.of("connect-src 'self'"), connectSources.stream())
                                .toList()));
    }

    /**
     * The start page shown until the site is built has its script and style inline; they are allowed
     * by their hashes, so that page gets the same policy with exactly its own code added.
     */
    static HttpReply decorateInlinePage(HttpReply reply, String basePolicy) {
        String page = new String(reply.body(), StandardCharsets.UTF_8);
        StringBuilder scripts = new StringBuilder();
        StringBuilder styles = new StringBuilder();
        Matcher inline = INLINE.matcher(page);
        while (inline.find()) {
            (inline.group(1).equals("script") ? scripts : styles)
                    .append(" '")
                    .append(sha256(inline.group(2)))
                    .append("'");
        }
        return decorate(
                reply,
                basePolicy
                        .replace("script-src 'self'", "script-src 'self'" + scripts)
                        .replace("style-src 'self'", "style-src 'self'" + styles));
    }

    static HttpReply decorate(HttpReply reply, String policy) {
        return reply.withHeader("content-security-policy", policy)
                .withHeader("x-content-type-options", "nosniff")
                .withHeader("x-frame-options", "DENY")
                .withHeader("referrer-policy", REFERRER_POLICY)
                .withHeader("permissions-policy", PERMISSIONS_POLICY);
    }

    private static String sha256(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
