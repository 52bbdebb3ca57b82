package serverlessshop.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import serverlessshop.support.testing.TestIssuer;

/**
 * Administrators sign in through a user pool of their own, which requires MFA: only a token verified
 * against that pool's issuer makes an administrator. Each token is verified against the issuer its
 * {@code iss} names, with that issuer's keys.
 */
class ShopIssuersTest {

    private static final ShopSecurityProperties.Admin ADMINISTRATORS = new ShopSecurityProperties.Admin(
            TestIssuer.adminIssuer(), TestIssuer.adminJwkSet(), null, List.of(TestIssuer.ADMIN_CLIENT));

    private static final JwtIssuerAuthenticationManagerResolver BOTH = ShopIssuers.of(shoppers(ADMINISTRATORS));

    @Test
    void anAdministratorsTokenMakesAnAdministratorAndACustomer() {
        assertThat(authorities(BOTH, TestIssuer.admin("admin-a")))
                .contains(ShopAuthorities.ADMIN, ShopAuthorities.SHOPPER);
    }

    @Test
    void aTokenOfTheAdministratorsIssuerWithoutTheAdminGroupIsNoAdministrator() {
        assertThat(authorities(BOTH, TestIssuer.adminIssuerWithoutGroup("admin-a")))
                .contains(ShopAuthorities.SHOPPER)
                .doesNotContain(ShopAuthorities.ADMIN);
    }

    @Test
    void aShoppersTokenClaimingTheAdminGroupIsAPlainCustomer() {
        assertThat(authorities(BOTH, TestIssuer.customerClaimingAdmin("customer-a")))
                .containsExactlyInAnyOrder(ShopAuthorities.scope("openid"), ShopAuthorities.SHOPPER);
    }

    @Test
    void aTokenNamingTheAdministratorsIssuerButSignedWithTheShoppersKeyIsRefused() {
        assertThatThrownBy(() -> authorities(BOTH, TestIssuer.adminSignedByShoppersKey("admin-a")))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("no matching key");
    }

    @Test
    void aTokenOfTheAdministratorsIssuerForAnotherClientIsRefused() {
        var shoppersClientOnly = new ShopSecurityProperties.Admin(
                TestIssuer.adminIssuer(), TestIssuer.adminJwkSet(), null, List.of(TestIssuer.AUDIENCE));

        assertThatThrownBy(() -> authorities(ShopIssuers.of(shoppers(shoppersClientOnly)), TestIssuer.admin("admin-a")))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("audience");
    }

    @Test
    void withoutAnAdministratorsIssuerNobodyIsAnAdministrator() {
        JwtIssuerAuthenticationManagerResolver shoppersOnly = ShopIssuers.of(shoppers(null));

        assertThatThrownBy(() -> authorities(shoppersOnly, TestIssuer.admin("admin-a")))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> authorities(shoppersOnly, TestIssuer.adminIssuerWithoutGroup("admin-a")))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(authorities(shoppersOnly, TestIssuer.customerClaimingAdmin("customer-a")))
                .doesNotContain(ShopAuthorities.ADMIN);
        assertThat(authorities(shoppersOnly, TestIssuer.customer("customer-a"))).contains(ShopAuthorities.SHOPPER);
    }

    @Test
    void oneIssuerForShoppersAndAdministratorsStopsTheService() {
        var sameIssuer = new ShopSecurityProperties.Admin(
                TestIssuer.issuer(), TestIssuer.jwkSet(), null, List.of(TestIssuer.AUDIENCE));

        assertThatThrownBy(() -> ShopIssuers.of(shoppers(sameIssuer)))
                .hasMessageContaining("shop.security.admin.issuer");
    }

    private static ShopSecurityProperties shoppers(ShopSecurityProperties.Admin admin) {
        return new ShopSecurityProperties(
                TestIssuer.issuer(), TestIssuer.jwkSet(), null, List.of(TestIssuer.AUDIENCE), admin);
    }

    private static List<String> authorities(JwtIssuerAuthenticationManagerResolver issuers, String token) {
        Authentication authentication =
                issuers.resolve(new MockHttpServletRequest()).authenticate(new BearerTokenAuthenticationToken(token));
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
