package serverlessshop.products.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import serverlessshop.products.api.model.FormField;
import serverlessshop.products.api.model.PresignedPost;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * An S3 presigned POST: an HTML form upload whose policy (SigV4) admits exactly one key, one content
 * type and at most a number of bytes, until it expires. The AWS SDK for Java v2 signs requests and
 * presigns URLs, not POST policies, so this does: the policy document, base64, signed with the SigV4
 * signing key of the credentials' date, region and {@code s3}. No call to AWS.
 */
final class PostPolicySigner {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private PostPolicySigner() {}

    /** What is uploaded, where, and until when. */
    record Upload(URI bucketUrl, String bucket, String key, String contentType, int maxLength) {}

    static PresignedPost sign(
            Upload upload, AwsCredentialsIdentity credentials, String region, Instant now, Duration validity) {
        Instant signedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = signedAt.plus(validity);
        String day = DAY.format(signedAt);
        String credential = credentials.accessKeyId() + "/" + day + "/" + region + "/s3/aws4_request";
        String amzDate = TIME.format(signedAt);
        String sessionToken =
                credentials instanceof AwsSessionCredentialsIdentity session ? session.sessionToken() : null;

        // The form's fields in the contract's order; every one but policy and signature is a condition.
        List<FormField> fields = new ArrayList<>();
        fields.add(field("key", upload.key()));
        fields.add(field("Content-Type", upload.contentType()));
        fields.add(field("x-amz-algorithm", ALGORITHM));
        fields.add(field("x-amz-credential", credential));
        fields.add(field("x-amz-date", amzDate));
        if (sessionToken != null) {
            fields.add(field("x-amz-security-token", sessionToken));
        }

        ArrayNode conditions = JsonNodeFactory.instance.arrayNode();
        conditions.addObject().put("bucket", upload.bucket());
        conditions.addObject().put("key", upload.key());
        conditions.addObject().put("Content-Type", upload.contentType());
        conditions.addArray().add("content-length-range").add(1).add(upload.maxLength());
        conditions.addObject().put("x-amz-algorithm", ALGORITHM);
        conditions.addObject().put("x-amz-credential", credential);
        conditions.addObject().put("x-amz-date", amzDate);
        if (sessionToken != null) {
            conditions.addObject().put("x-amz-security-token", sessionToken);
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("expiration", expiresAt.toString());
        document.set("conditions", conditions);

        String policy = Base64.getEncoder().encodeToString(json(document));
        byte[] key = signingKey(credentials.secretAccessKey(), day, region, "s3");
        fields.add(field("policy", policy));
        fields.add(field("x-amz-signature", HexFormat.of().formatHex(hmac(key, policy))));
        return new PresignedPost(upload.bucketUrl(), fields, expiresAt.atOffset(ZoneOffset.UTC));
    }

    /** SigV4's signing key: the secret, through the day, the region, the service and the terminator. */
    static byte[] signingKey(String secret, String day, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static byte[] json(ObjectNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the upload policy", e);
        }
    }

    private static FormField field(String name, String value) {
        return new FormField(name, value);
    }
}
