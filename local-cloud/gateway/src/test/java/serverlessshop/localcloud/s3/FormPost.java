package serverlessshop.localcloud.s3;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A presigned POST as the products function makes it for an image's upload (a SigV4 POST policy:
 * bucket, exact key, exact Content-Type, content-length-range, an expiry), and the browser's
 * multipart/form-data POST of it: the fields in order, then the file.
 */
public final class FormPost {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FormPost() {}

    /** The form's fields, signed with the key pair, for a file of at most {@code maxLength} bytes. */
    public static Map<String, String> fields(
            String accessKeyId,
            String secret,
            String bucket,
            String key,
            String contentType,
            long maxLength,
            Instant expiration) {
        Instant now = Instant.now();
        String date =
                DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(now);
        String credential = accessKeyId + "/" + date + "/eu-west-1/s3/aws4_request";
        String policy = """
                {"expiration":"%s","conditions":[{"bucket":"%s"},{"key":"%s"},{"Content-Type":"%s"},\
                ["content-length-range",1,%d],{"x-amz-algorithm":"AWS4-HMAC-SHA256"},\
                {"x-amz-credential":"%s"},{"x-amz-date":"%s"}]}""".formatted(expiration, bucket, key, contentType, maxLength, credential, amzDate);
        String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        signingKey = hmac(signingKey, "eu-west-1");
        signingKey = hmac(signingKey, "s3");
        signingKey = hmac(signingKey, "aws4_request");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("policy", encoded);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey, encoded)));
        return fields;
    }

    /** The browser's POST of the form to the bucket's URL (path-style), from a page of {@code origin}. */
    public static HttpResponse<String> post(String bucketUrl, Map<String, String> fields, byte[] file, String origin)
            throws Exception {
        String boundary = "----form" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                            + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"image\"\r\n"
                        + "Content-Type: " + fields.get("Content-Type") + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(bucketUrl))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Origin", origin)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
