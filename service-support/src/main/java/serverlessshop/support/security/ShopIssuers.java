package serverlessshop.support.security;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;

/**
 * The two issuers whose tokens the services accept: the shoppers' user pool and the administrators'
 * (which requires MFA). Each token is verified against the issuer its {@code iss} names, by the same
 * rules ({@link ShopJwtDecoders}); only a token verified against the administrators' issuer can carry
 * the {@code admin} group ({@link ShopAuthorities}). A token of any other issuer goes to the
 * shoppers' decoder, which refuses it (401).
 */
public final class ShopIssuers {

    private ShopIssuers() {}

    public static JwtIssuerAuthenticationManagerResolver of(ShopSecurityProperties properties) {
        ShopSecurityProperties.Admin admin = properties.admin();
        if (admin.configured() && admin.issuer().equals(properties.issuer())) {
            // One issuer for both would make every shopper's group claim count.
            throw new IllegalStateException("shop.security.admin.issuer must not be shop.security.issuer");
        }
        AuthenticationManager shoppers = manager(ShopJwtDecoders.of(properties), ShopAuthorities::ofShoppersToken);
        if (!admin.configured()) {
            return new JwtIssuerAuthenticationManagerResolver(issuer -> shoppers);
        }
        AuthenticationManager administrators =
                manager(ShopJwtDecoders.of(admin), ShopAuthorities::ofAdministratorsToken);
        return new JwtIssuerAuthenticationManagerResolver(
                issuer -> admin.issuer().equals(issuer) ? administrators : shoppers);
    }

    private static AuthenticationManager manager(
            JwtDecoder decoder, Function<Map<String, Object>, Collection<GrantedAuthority>> authorities) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(
                token -> new JwtAuthenticationToken(token, authorities.apply(token.getClaims()), token.getSubject()));
        return new ProviderManager(provider);
    }
}
