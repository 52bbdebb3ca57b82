package serverlessshop.support.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities of a caller, from the claims of a token the service verified: {@code SCOPE_x} for
 * each OAuth scope, and {@code GROUP_x} for each Cognito group of a token of the administrators'
 * issuer only. The shoppers' pool makes no administrators: a {@code cognito:groups} claim in one of its
 * tokens counts for nothing. A claim may be a JSON array or a string of words (also API Gateway's
 * flattened {@code "[admin staff]"}).
 */
public final class ShopAuthorities {

    public static final String GROUPS_CLAIM = "cognito:groups";
    public static final String ADMIN = "GROUP_admin";
    /**
     * The scope every protected operation needs. Only the shop's own sign-in is granted it, so a token
     * of another client of the same issuer (a client-credentials token) is not a customer's.
     */
    public static final String SHOP_SCOPE = "shop/orders";

    public static final String SHOPPER = scope(SHOP_SCOPE);

    private ShopAuthorities() {}

    public static String scope(String scope) {
        return "SCOPE_" + scope;
    }

    /** A token verified against the shoppers' issuer: its scopes, whatever groups it claims. */
    public static Collection<GrantedAuthority> ofShoppersToken(Map<String, Object> claims) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String scope : values(claims.get("scope"))) {
            authorities.add(new SimpleGrantedAuthority(scope(scope)));
        }
        for (String scope : values(claims.get("scp"))) {
            authorities.add(new SimpleGrantedAuthority(scope(scope)));
        }
        return authorities;
    }

    /** A token verified against the administrators' issuer: its scopes and its groups. */
    public static Collection<GrantedAuthority> ofAdministratorsToken(Map<String, Object> claims) {
        List<GrantedAuthority> authorities = new ArrayList<>(ofShoppersToken(claims));
        for (String group : values(claims.get(GROUPS_CLAIM))) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + group));
        }
        return authorities;
    }

    /** A claim as a list of words: a JSON array, a space-separated string, or API Gateway's "[a b]". */
    static List<String> values(Object claim) {
        if (claim instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                trimmed = trimmed.substring(1, trimmed.length() - 1);
            }
            return List.of(trimmed.split("[\\s,]+")).stream()
                    .filter(word -> !word.isEmpty())
                    .toList();
        }
        return List.of();
    }
}
