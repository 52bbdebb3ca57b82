package serverlessshop.localcloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadV2ResponseTest {

    private static HttpReply reply(String json) throws PayloadV2Response.Unreadable {
        return PayloadV2Response.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aResponseObjectBecomesTheHttpResponse() throws Exception {
        HttpReply reply = reply("""
                {"statusCode": 201, "headers": {"Content-Type": "application/json", "ETag": "\\"v1\\""},
                 "multiValueHeaders": {"ETag": ["\\"ignored\\""], "X-Trace": ["a", "b"]},
                 "cookies": ["session=1; HttpOnly", "theme=dark"],
                 "body": "{\\"product_id\\":\\"p1\\"}", "isBase64Encoded": false}""");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers().get("content-type")).containsExactly("application/json");
        assertThat(reply.headers().get("etag"))
                .as("headers win over multiValueHeaders")
                .containsExactly("\"v1\"");
        assertThat(reply.headers().get("x-trace")).containsExactly("a", "b");
        assertThat(reply.headers().get("set-cookie")).containsExactly("session=1; HttpOnly", "theme=dark");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"product_id\":\"p1\"}");
    }

    @Test
    void base64BodiesAreDecoded() throws Exception {
        HttpReply reply = reply("{\"statusCode\": 200, \"body\": \"AAEC\", \"isBase64Encoded\": true}");
        assertThat(reply.body()).containsExactly(0, 1, 2);
    }

    @Test
    void withoutStatusCodeTheOutputIsTheJsonBodyOfA200() throws Exception {
        HttpReply reply = reply("{\"hello\": \"world\"}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("content-type")).isEqualTo(List.of("application/json"));
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\": \"world\"}");
        assertThat(reply("[1,2]").status()).isEqualTo(200);
    }

    @Test
    void anythingElseIsUnreadable() {
        assertThatThrownBy(() -> reply("not json")).isInstanceOf(PayloadV2Response.Unreadable.class);
        assertThatThrownBy(() -> reply("")).isInstanceOf(PayloadV2Response.Unreadable.class);
        assertThatThrownBy(() -> reply("{\"statusCode\": \"teapot\"}"))
                .isInstanceOf(PayloadV2Response.Unreadable.class);
        assertThatThrownBy(() -> reply("{\"statusCode\": 42}")).isInstanceOf(PayloadV2Response.Unreadable.class);
    }
}
