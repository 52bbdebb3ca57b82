package serverlessshop.localcloud.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as AWS checks it on a request to one of its APIs
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html): the
 * canonical request (method, the path URI-encoded once more, the sorted query, the signed headers,
 * the payload's SHA-256), the string to sign under the credential's scope, and the HMAC chain of the
 * secret key over date, region and service. The signature is recomputed with the secret of the
 * access key the request names, and compared in constant time.
 */
public final class SigV4 {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Pattern AUTHORIZATION =
            Pattern.compile(ALGORITHM + " Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** How far a request's time may be from the receiver's, as AWS allows. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    /** The parts of a request the signature covers; header names in any case. */
    public record SignedRequest(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().getFirst();
                }
            }
            return null;
        }

        List<String> headerValues(String name) {
            List<String> values = new ArrayList<>();
            headers.forEach((key, list) -> {
                if (key.equalsIgnoreCase(name)) {
                    values.addAll(list);
                }
            });
            return values;
        }
    }

    /** Why a request is refused, as AWS names it ({@code x-amzn-ErrorType}), and its message. */
    public record Refusal(String errorType, String message) {}

    /** The access key a request claims (null: it is not signed at all). */
    public static String accessKeyOf(SignedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return null;
        }
        Matcher parts = AUTHORIZATION.matcher(authorization.trim());
        return parts.matches() ? parts.group(1) : "";
    }

    /**
     * Null when the request is signed by this secret for this service now; else what AWS answers.
     *
     * @param secretAccessKey the secret of the access key the request names
     */
    public static Refusal verify(SignedRequest request, String secretAccessKey, String service, Instant now) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return new Refusal("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher parts = AUTHORIZATION.matcher(authorization.trim());
        if (!parts.matches()) {
            return new Refusal(
                    "IncompleteSignatureException",
                    "Authorization header requires a well-formed " + ALGORITHM + " value.");
        }
        String date = parts.group(2);
        String region = parts.group(3);
        String signedService = parts.group(4);
        List<String> signedHeaders = List.of(parts.group(5).split(";"));
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null || !amzDate.startsWith(date)) {
            return new Refusal(
                    "IncompleteSignatureException", "The request must carry X-Amz-Date within its credential's date.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return new Refusal("IncompleteSignatureException", "X-Amz-Date is not a date: " + amzDate);
        }
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            return new Refusal(
                    "InvalidSignatureException",
                    "Signature expired: " + amzDate + " is now earlier or later than "
                            + AMZ_DATE.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                            + " by more than 5 minutes.");
        }
        if (!signedService.equals(service) || !signedHeaders.contains("host")) {
            return new Refusal(
                    "InvalidSignatureException", "Credential should be scoped to correct service: '" + service + "'.");
        }
        String scope = date + "/" + region + "/" + signedService + "/aws4_request";
        String canonical = canonicalRequest(request, signedHeaders);
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, signedService);
        key = hmac(key, "aws4_request");
        byte[] expected = hmac(key, toSign);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.group(6)))) {
            return new Refusal(
                    "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS "
                            + "Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return null;
    }

    static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method()).append('\n');
        canonical
                .append(encode(request.rawPath().isEmpty() ? "/" : request.rawPath(), true))
                .append('\n');
        canonical.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headerValues(name).stream()
                    .map(value -> value.trim().replaceAll("\\s+", " "))
                    .toList();
            canonical.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
        String payloadHash = request.header("X-Amz-Content-Sha256");
        canonical.append(payloadHash != null ? payloadHash : hex(sha256(request.body())));
        return canonical.toString();
    }

    /** Sorted by name, then value; each encoded as SigV4 wants it. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            String[] nameValue = pair.split("=", 2);
            pairs.add(new String[] {
                encode(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), false),
                encode(nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "", false)
            });
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined =
                pairs.stream().map(pair -> pair[0] + "=" + pair[1]).toList();
        return String.join("&", joined);
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX (upper case); a path keeps its slashes. */
    private static String encode(String text, boolean path) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (path && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private SigV4() {}
}
