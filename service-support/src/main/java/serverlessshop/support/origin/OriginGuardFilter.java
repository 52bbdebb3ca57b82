package serverlessshop.support.origin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import serverlessshop.support.lambda.DirectInvocation;
import serverlessshop.support.problem.Problems;

/**
 * Serves only the requests that came through CloudFront: those carrying, in the origin header, one of
 * the accepted values (the current one and, during a rotation, the previous one); any other request
 * is a 403 {@code FORBIDDEN} problem before anything else reads it. The API's own endpoint
 * ({@code execute-api}) is public, and an HTTP API can have neither a resource policy nor a web ACL:
 * without this, a client could go around the WAF rules. A direct Lambda invocation is let through:
 * it is not an HTTP request from outside, and IAM has already decided who may make it.
 */
public class OriginGuardFilter extends OncePerRequestFilter {

    private final String header;
    private final List<byte[]> accepted;
    private final ObjectMapper json;

    /**
     * @param header   the header CloudFront adds
     * @param accepted the values that prove it, at least one; blank values are never accepted
     */
    public OriginGuardFilter(String header, List<String> accepted, ObjectMapper json) {
        this.header = header;
        this.accepted = accepted.stream()
                .filter(value -> value != null && !value.isBlank())
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .toList();
        if (this.accepted.isEmpty()) {
            throw new IllegalArgumentException("The origin guard needs at least one value to accept");
        }
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (DirectInvocation.is(request) || carriesAnAcceptedValue(request)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = Problems.of(
                HttpStatus.FORBIDDEN,
                "FORBIDDEN",
                "This API answers only requests made through the shop's own address (its CloudFront"
                        + " distribution), not at the API's endpoint.");
        problem.setTitle("Not through the shop's address");
        Problems.write(json, request, response, problem);
    }

    private boolean carriesAnAcceptedValue(HttpServletRequest request) {
        String value = request.getHeader(header);
        if (value == null) {
            return false;
        }
        byte[] given = value.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        // Every value compared in constant time, none skipped: the time taken tells nothing of a value.
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(given, candidate);
        }
        return match;
    }
}
