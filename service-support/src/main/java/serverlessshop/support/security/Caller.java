package serverlessshop.support.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: the token's subject (a customer's id is its {@code sub}) and its authorities;
 * {@link #ANONYMOUS} without a token.
 */
public record Caller(String subject, Set<String> authorities) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return ANONYMOUS;
        }
        return new Caller(
                token.getToken().getSubject(),
                token.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean isAdmin() {
        return authorities.contains(ShopAuthorities.ADMIN);
    }

    public boolean isAnonymous() {
        return subject == null;
    }
}
