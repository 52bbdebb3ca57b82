package serverlessshop.localcloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What reaches routing of a request line's target: its raw path and query, or a refusal. */
class RequestTargetTest {

    @Test
    void anOriginFormTargetKeepsItsEncoding() {
        assertThat(RequestTarget.parse("/products/a%2Fb?cursor=x%3D%3D&limit=5"))
                .isEqualTo(new RequestTarget("/products/a%2Fb", "cursor=x%3D%3D&limit=5"));
        assertThat(RequestTarget.parse("/products")).isEqualTo(new RequestTarget("/products", ""));
    }

    @Test
    void aPathStartingWithTwoSlashesIsAPathNotAHost() {
        assertThat(RequestTarget.parse("//products?x=1")).isEqualTo(new RequestTarget("//products", "x=1"));
    }

    @Test
    void anAbsoluteFormTargetGivesItsPathAndQuery() {
        assertThat(RequestTarget.parse("http://localhost:8080/orders?x=1"))
                .isEqualTo(new RequestTarget("/orders", "x=1"));
        assertThat(RequestTarget.parse("HTTPS://example.com")).isEqualTo(new RequestTarget("/", ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/products?cursor=%%%garbage",
                "/products/%zz",
                "/products/%4",
                "/products?q=%",
                "/products?q={a}",
                "/a|b",
                "/a\\b",
                "/a\"b",
                "/a<b>",
                "/a^b",
                "/a`b",
                "/products#top",
                "/a b",
                "/caf\u00e9",
                "/a\u0000b",
                "/a\u007fb",
                "*",
                "products",
                "ftp://host/a",
                ""
            })
    void aMalformedTargetIsRefusedWithTheReason(String target) {
        assertThatThrownBy(() -> RequestTarget.parse(target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("http://gateway");
    }
}
