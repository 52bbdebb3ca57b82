package serverlessshop.localcloud.issuer;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * Makes one issuer's (user pool's) access tokens from mock-oauth2-server look like Amazon Cognito's,
 * which is what the services expect: {@code token_use=access}, {@code client_id}, no {@code aud},
 * and {@code scope}. A user's token ({@code sub} = the name typed on the login page) carries the
 * scopes its app client is allowed: {@code openid shop/orders} through the pool's site client, which
 * alone is allowed {@code shop/orders}, {@code openid} through any other; and the pool's groups: in
 * the administrators' pool every user is in {@code admin} (the operator puts everyone they create
 * there), in the shoppers' pool nobody is in any. A machine token (client credentials) has the client
 * as {@code sub} and the scopes it asked for, never {@code shop/orders}: no machine client is allowed
 * the scope of the shop's customers.
 */
final class CognitoLikeTokens implements OAuth2TokenCallback {

    private static final long ONE_HOUR = 3600;

    private final String issuerId;
    private final String siteClient;
    private final List<String> groups;

    /**
     * @param siteClient the pool's client that is granted {@code shop/orders}
     * @param groups     the groups of every user of the pool (none: no {@code cognito:groups} claim)
     */
    CognitoLikeTokens(String issuerId, String siteClient, List<String> groups) {
        this.issuerId = issuerId;
        this.siteClient = siteClient;
        this.groups = List.copyOf(groups);
    }

    @Override
    public String issuerId() {
        return issuerId;
    }

    /** The login page replaces this with the user's name; a machine is its client. */
    @Override
    public String subject(TokenRequest request) {
        return clientId(request);
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return "JWT";
    }

    /** Cognito's access tokens have no audience; API Gateway and the services check client_id instead. */
    @Override
    public List<String> audience(TokenRequest request) {
        return List.of();
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("token_use", "access");
        claims.put("client_id", clientId(request));
        boolean machine = GrantType.CLIENT_CREDENTIALS.equals(
                request.getAuthorizationGrant().getType());
        claims.put("scope", machine ? machineScopes(request) : userScopes(clientId(request)));
        if (!machine && !groups.isEmpty()) {
            claims.put("cognito:groups", groups);
        }
        return claims;
    }

    private String userScopes(String clientId) {
        return siteClient.equals(clientId) ? "openid " + LocalIssuer.SHOP_SCOPE : "openid";
    }

    private static String machineScopes(TokenRequest request) {
        if (request.getScope() == null) {
            return "";
        }
        return request.getScope().toStringList().stream()
                .filter(scope -> !scope.equals(LocalIssuer.SHOP_SCOPE))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    @Override
    public long tokenExpiry() {
        return ONE_HOUR;
    }

    private static String clientId(TokenRequest request) {
        if (request.getClientAuthentication() != null) {
            return request.getClientAuthentication().getClientID().getValue();
        }
        return request.getClientID() == null
                ? "unknown-client"
                : request.getClientID().getValue();
    }
}
