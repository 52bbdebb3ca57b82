package serverlessshop.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UnsupportedEncodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.mock.web.MockHttpServletResponse;
import serverlessshop.support.testing.ContractOperations.Access;

/**
 * The kinds of caller an API must tell apart, each with the token it presents, and what the
 * contract lets each of them do: pass, 401 (no valid token) or 403 (valid, but not allowed).
 */
public enum TestCaller {
    ANONYMOUS(null, true, List.of(), List.of()),
    CUSTOMER(() -> TestIssuer.customer("customer-a"), true, List.of(), List.of()),
    /** Another customer: must never see or change what belongs to {@link #CUSTOMER}. */
    CUSTOMER_B(() -> TestIssuer.customer("customer-b"), true, List.of(), List.of()),
    ADMIN(() -> TestIssuer.admin("admin-a"), true, List.of(), List.of("admin")),
    MACHINE(TestIssuer::machine, true, List.of("products/stock"), List.of()),
    EXPIRED(() -> TestIssuer.expired("admin-a"), false, List.of(), List.of()),
    WRONG_AUDIENCE(() -> TestIssuer.wrongAudience("admin-a"), false, List.of(), List.of()),
    OTHER_ISSUER(() -> TestIssuer.otherIssuer("admin-a"), false, List.of(), List.of()),
    ID_TOKEN(() -> TestIssuer.idToken("admin-a"), false, List.of(), List.of()),
    TAMPERED_SIGNATURE(() -> TestIssuer.tamperedSignature("admin-a"), false, List.of(), List.of()),
    ALG_NONE(() -> TestIssuer.unsigned("admin-a"), false, List.of(), List.of());

    public enum Outcome {
        PASSES,
        UNAUTHORIZED_401,
        FORBIDDEN_403
    }

    private final Supplier<String> token;
    private final boolean valid;
    private final List<String> scopes;
    private final List<String> groups;

    TestCaller(Supplier<String> token, boolean valid, List<String> scopes, List<String> groups) {
        this.token = token;
        this.valid = valid;
        this.scopes = scopes;
        this.groups = groups;
    }

    /**
     * Whether API Gateway's JWT authorizer lets this caller's token through to the function on a
     * protected route: it checks signature, issuer, expiry and audience (or {@code client_id}) but not
     * {@code token_use}, so an ID token of the shop's own client passes, and the service must refuse it.
     */
    public boolean gatewayAccepts() {
        return token != null && (valid || this == ID_TOKEN);
    }

    /**
     * The claims API Gateway's JWT authorizer puts into the payload-2.0 event for this caller's token:
     * every claim as a string, arrays flattened to {@code "[a b]"}; null for an anonymous caller.
     */
    public Map<String, String> gatewayClaims() {
        if (token == null) {
            return null;
        }
        try {
            Map<String, Object> claims = com.nimbusds.jwt.JWTParser.parse(token.get())
                    .getJWTClaimsSet()
                    .toJSONObject();
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

    /** The token's subject (the customer id of a customer), read without checking the token. */
    public String subject() {
        Map<String, String> claims = gatewayClaims();
        return claims == null ? null : claims.get("sub");
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
