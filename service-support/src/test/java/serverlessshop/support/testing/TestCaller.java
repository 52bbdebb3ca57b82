package serverlessshop.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.mock.web.MockHttpServletResponse;
import serverlessshop.httpapi.HttpApiEvent;
import serverlessshop.support.testing.ContractOperations.Access;

/**
 * The kinds of caller an API must tell apart, each with the token it presents, and what the
 * contract lets each of them do: pass, 401 (no valid token) or 403 (valid, but not allowed).
 */
public enum TestCaller {
    ANONYMOUS(null, true, List.of(), List.of(), null),
    CUSTOMER(() -> TestIssuer.customer("customer-a"), true, List.of("shop/orders"), List.of(), null),
    /** Another customer: must never see or change what belongs to {@link #CUSTOMER}. */
    CUSTOMER_B(() -> TestIssuer.customer("customer-b"), true, List.of("shop/orders"), List.of(), null),
    ADMIN(() -> TestIssuer.admin("admin-a"), true, List.of("shop/orders"), List.of("admin"), null),
    /** A shopper's token that claims the admin group: the shoppers' issuer makes no administrators. */
    SHOPPER_CLAIMING_ADMIN(
            () -> TestIssuer.customerClaimingAdmin("customer-a"), true, List.of("shop/orders"), List.of(), null),
    /** A client-credentials token of a client the API accepts, without the shop's scope: no customer. */
    MACHINE(TestIssuer::machine, true, List.of("products/stock"), List.of(), null),
    EXPIRED(() -> TestIssuer.expired("admin-a"), false, List.of(), List.of(), null),
    WRONG_AUDIENCE(() -> TestIssuer.wrongAudience("admin-a"), false, List.of(), List.of(), null),
    OTHER_ISSUER(() -> TestIssuer.otherIssuer("admin-a"), false, List.of(), List.of(), null),
    ID_TOKEN(() -> TestIssuer.idToken("admin-a"), false, List.of(), List.of(), null),
    TAMPERED_SIGNATURE(() -> TestIssuer.tamperedSignature("admin-a"), false, List.of(), List.of(), null),
    ALG_NONE(() -> TestIssuer.unsigned("admin-a"), false, List.of(), List.of(), null),
    /**
     * A direct invocation of a function with an event whose authorizer claims say "administrator" and
     * no token at all: whoever may invoke the function can write any claims; they prove nothing.
     */
    FORGED_CLAIMS(null, true, List.of(), List.of(), () -> forged("admin-a")),
    /**
     * Customer B's real token in an event whose authorizer claims say customer A and administrator:
     * the caller is customer B, whatever the claims say.
     */
    FORGED_OVER_TOKEN(
            () -> TestIssuer.customer("customer-b"),
            true,
            List.of("shop/orders"),
            List.of(),
            () -> forged("customer-a"));

    public enum Outcome {
        PASSES,
        UNAUTHORIZED_401,
        FORBIDDEN_403
    }

    private final Supplier<String> token;
    private final boolean valid;
    private final List<String> scopes;
    private final List<String> groups;
    private final Supplier<Map<String, String>> forgedClaims;

    TestCaller(
            Supplier<String> token,
            boolean valid,
            List<String> scopes,
            List<String> groups,
            Supplier<Map<String, String>> forgedClaims) {
        this.token = token;
        this.valid = valid;
        this.scopes = scopes;
        this.groups = groups;
        this.forgedClaims = forgedClaims;
    }

    /**
     * The claims an event carries in {@code requestContext.authorizer.jwt.claims} for this caller, as
     * API Gateway's JWT authorizer writes them (every claim a string, arrays flattened to
     * {@code "[a b]"}): the token's claims, whether or not the token is valid (anyone who may invoke
     * the function can write them), or the forged ones; null for an anonymous caller.
     */
    public Map<String, String> eventClaims() {
        if (forgedClaims != null) {
            return forgedClaims.get();
        }
        return token == null ? null : claimsOf(token.get());
    }

    private static Map<String, String> claimsOf(String jwt) {
        try {
            Map<String, Object> claims =
                    com.nimbusds.jwt.JWTParser.parse(jwt).getJWTClaimsSet().toJSONObject();
            Map<String, String> strings = new LinkedHashMap<>();
            claims.forEach((name, value) -> strings.put(
                    name,
                    value instanceof List<?> list
                            ? "["
                                    + String.join(
                                            " ",
                                            list.stream().map(String::valueOf).toList()) + "]"
                            : String.valueOf(value)));
            return strings;
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An administrator's claims for this subject, as the authorizer would write them: no token behind them. */
    private static Map<String, String> forged(String subject) {
        Map<String, String> claims = claimsOf(TestIssuer.admin(subject));
        claims.put("sub", subject);
        return claims;
    }

    /** The subject of the token this caller presents (a customer's id), read without checking it; null without one. */
    public String subject() {
        return token == null ? null : claimsOf(token.get()).get("sub");
    }

    /** Whether the token this caller presents is an administrator's (of the {@code admin} group). */
    public boolean isAdmin() {
        return valid && groups.contains("admin");
    }

    /**
     * The event as this caller's request reaches the function: its token in the {@code Authorization}
     * header, as API Gateway passes it on, and the authorizer claims of {@link #eventClaims()}.
     */
    public HttpApiEvent event(HttpApiEvent event) {
        HttpApiEvent sent = token == null ? event : event.withHeader("authorization", authorization());
        Map<String, String> claims = eventClaims();
        return claims == null ? sent : sent.withAuthorizer(claims);
    }

    /** The event as API Gateway passes a request with this token on: the header and the token's claims. */
    public static HttpApiEvent withToken(HttpApiEvent event, String token) {
        return event.withHeader("authorization", "Bearer " + token).withAuthorizer(claimsOf(token));
    }

    /** The Authorization header value, or null for an anonymous caller. */
    public String authorization() {
        return token == null ? null : "Bearer " + token.get();
    }

    public Outcome expectedFor(Access access) {
        if (token != null && !valid) {
            return Outcome.UNAUTHORIZED_401; // a presented token is checked even where none is needed
        }
        if (access.open()) {
            return Outcome.PASSES;
        }
        if (token == null) {
            return Outcome.UNAUTHORIZED_401;
        }
        return scopes.containsAll(access.scopes()) && groups.containsAll(access.groups())
                ? Outcome.PASSES
                : Outcome.FORBIDDEN_403;
    }

    /**
     * The answer this caller got is what the contract's security decides: 401 with a Bearer
     * challenge, 403, or past security, where neither is the answer, nor a server error or 501.
     */
    public void assertAnswerFor(Access access, MockHttpServletResponse response) throws UnsupportedEncodingException {
        String body = response.getContentAsString();
        switch (expectedFor(access)) {
            case UNAUTHORIZED_401 -> {
                assertThat(response.getStatus()).as(body).isEqualTo(401);
                assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            }
            case FORBIDDEN_403 -> assertThat(response.getStatus()).as(body).isEqualTo(403);
            case PASSES -> assertThat(response.getStatus()).as(body).isNotIn(401, 403, 500, 501);
        }
    }
}
