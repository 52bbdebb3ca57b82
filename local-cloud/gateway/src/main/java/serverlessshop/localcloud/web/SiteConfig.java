package serverlessshop.localcloud.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.gateway.FrontDoor;
import serverlessshop.localcloud.issuer.LocalIssuer;

/**
 * The site's config.json for this stack, served next to index.html as a deployment puts it there
 * (Terraform writes the AWS one into the S3 bucket): the same build of the site runs against either.
 * The API is on the page's own origin and the issuer's endpoints are paths on it, so the site works
 * whatever host name or port the browser used; the client is the issuer's public web client. The
 * {@code admin} object is the same for the administrators' sign-in: their issuer and client, and the
 * administrators' API under {@code /admin}, where their tokens are taken. The local issuers keep no
 * session of their own, so there is no logout URL: signing out revokes the refresh token and forgets
 * the tokens.
 * The keys are described in static-site/README.md.
 */
public final class SiteConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteConfig() {}

    public static Map<String, Object> local() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("api_base_url", "");
        config.put("authorize_url", LocalIssuer.PATH + "/authorize");
        config.put("token_url", LocalIssuer.PATH + "/token");
        config.put("logout_url", "");
        config.put("revoke_url", LocalIssuer.PATH + "/revoke");
        config.put("client_id", LocalIssuer.WEB_CLIENT);
        // shop/orders: every protected operation needs it, and only the site's sign-in is granted it.
        config.put("scopes", List.of("openid", LocalIssuer.SHOP_SCOPE));
        config.put("currency", "USD");
        Map<String, Object> admin = new LinkedHashMap<>();
        admin.put("api_base_url", FrontDoor.ADMIN_PREFIX);
        admin.put("authorize_url", LocalIssuer.ADMIN_PATH + "/authorize");
        admin.put("token_url", LocalIssuer.ADMIN_PATH + "/token");
        admin.put("logout_url", "");
        admin.put("revoke_url", LocalIssuer.ADMIN_PATH + "/revoke");
        admin.put("client_id", LocalIssuer.ADMIN_CLIENT);
        admin.put("scopes", List.of("openid", LocalIssuer.SHOP_SCOPE));
        config.put("admin", admin);
        return config;
    }

    static byte[] localJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(local());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
