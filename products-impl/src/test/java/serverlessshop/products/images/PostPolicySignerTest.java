package serverlessshop.products.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import serverlessshop.products.api.model.FormField;
import serverlessshop.products.api.model.PresignedPost;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The POST policy and its signature, field by field (S3Proxy checks the signature in ProductImagesApiTest). */
class PostPolicySignerTest {

    private static final PostPolicySigner.Upload UPLOAD = new PostPolicySigner.Upload(
            URI.create("https://shop-images.s3.eu-west-1.amazonaws.com/"),
            "shop-images",
            "uploads/p/i",
            "image/webp",
            482113);
    private static final Instant NOW = Instant.parse("2026-12-05T10:15:00.123Z");

    @Test
    void theSigningKeyIsSigV4s() {
        // AWS's documented example of a SigV4 signing key (the secret, 20120215, us-east-1, iam).
        byte[] key =
                PostPolicySigner.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void temporaryCredentialsSendTheirSessionTokenAndThePolicyRequiresIt() throws Exception {
        PresignedPost post = PostPolicySigner.sign(
                UPLOAD,
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "the-session-token"),
                "eu-west-1",
                NOW,
                Duration.ofMinutes(10));

        assertThat(post.getFields().stream().map(FormField::getName).toList())
                .containsExactly(
                        "key",
                        "Content-Type",
                        "x-amz-algorithm",
                        "x-amz-credential",
                        "x-amz-date",
                        "x-amz-security-token",
                        "policy",
                        "x-amz-signature");
        assertThat(value(post, "x-amz-credential")).isEqualTo("ASIAEXAMPLE/20261205/eu-west-1/s3/aws4_request");
        assertThat(value(post, "x-amz-date")).isEqualTo("20261205T101500Z");
        assertThat(value(post, "x-amz-security-token")).isEqualTo("the-session-token");
        assertThat(post.getExpiresAt().toInstant()).isEqualTo(Instant.parse("2026-12-05T10:25:00Z"));
        assertThat(post.getUrl()).isEqualTo(UPLOAD.bucketUrl());

        JsonNode policy = new ObjectMapper().readTree(Base64.getDecoder().decode(value(post, "policy")));
        assertThat(policy.path("expiration").asText()).isEqualTo("2026-12-05T10:25:00Z");
        assertThat(policy.path("conditions").toString())
                .isEqualTo(new ObjectMapper().readTree("""
                                [{"bucket":"shop-images"},{"key":"uploads/p/i"},{"Content-Type":"image/webp"},
                                 ["content-length-range",1,482113],{"x-amz-algorithm":"AWS4-HMAC-SHA256"},
                                 {"x-amz-credential":"ASIAEXAMPLE/20261205/eu-west-1/s3/aws4_request"},
                                 {"x-amz-date":"20261205T101500Z"},{"x-amz-security-token":"the-session-token"}]""").toString());
        byte[] key = PostPolicySigner.signingKey("secret", "20261205", "eu-west-1", "s3");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        assertThat(value(post, "x-amz-signature"))
                .isEqualTo(HexFormat.of()
                        .formatHex(mac.doFinal(value(post, "policy").getBytes())));
    }

    private static String value(PresignedPost post, String name) {
        List<FormField> matching = post.getFields().stream()
                .filter(field -> field.getName().equals(name))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst().getValue();
    }
}
