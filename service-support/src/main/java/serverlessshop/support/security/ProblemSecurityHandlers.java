package serverlessshop.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import serverlessshop.support.problem.Problems;

/**
 * 401 and 403 as problem+json, like every other error of the API; and 400 for a request the
 * firewall refuses (a header name or value with control characters, an odd path), which would
 * otherwise leave the filter chain as an exception: a 500, or the Lambda container's bare 502.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ObjectMapper json;

    public ProblemSecurityHandlers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // RFC 6750: a rejected token is "invalid_token"; no token at all gets a bare challenge.
        boolean tokenPresented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                request,
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "UNAUTHORIZED",
                        tokenPresented
                                ? "The access token is not valid: it may have expired, or not come from this shop's issuer."
                                : "This operation needs an access token (Authorization: Bearer ...)."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(
                request,
                response,
                Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your access token does not allow this operation."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(request, response, rejected());
    }

    /** The answer to a request the firewall refuses; the detail does not repeat what was sent. */
    public static ProblemDetail rejected() {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "BAD_REQUEST",
                "The request has a header, path or method this service does not accept.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Problems.write(json, request, response, problem);
    }
}
