package serverlessshop.products.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import serverlessshop.support.lambda.DirectInvocation;
import serverlessshop.support.problem.Problems;

/**
 * The stock reservations are internal (products.yaml's {@code x-shop-internal}): the orders function
 * invokes this function directly with its own IAM identity, and API Gateway has no route to them. A
 * request for them that did not come in a direct invocation is answered as an unknown path is,
 * 404, so the public side cannot even learn that they exist.
 */
public class DirectInvocationOnlyFilter extends OncePerRequestFilter {

    /** Where the internal operations are, under the servlet's path. */
    public static final String PATH_PREFIX = "/products/stock-reservations/";

    private final ObjectMapper json;

    public DirectInvocationOnlyFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isInternal(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (DirectInvocation.is(request)) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(
                json,
                request,
                response,
                Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No operation is at " + request.getRequestURI() + "."));
    }

    /** Whether the request is for one of the internal operations. */
    public static boolean isInternal(HttpServletRequest request) {
        return request.getRequestURI().startsWith(PATH_PREFIX);
    }
}
