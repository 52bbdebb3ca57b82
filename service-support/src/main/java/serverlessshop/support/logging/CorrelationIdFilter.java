package serverlessshop.support.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request with its correlation id ({@code X-Correlation-Id}), so a client or support
 * can find the request's log lines. In Lambda, {@code HttpApiFunction} has chosen the id already;
 * elsewhere (a plain Spring Boot run, MockMvc) this filter chooses it from the header and puts it in
 * the MDC for the request.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationIds.current();
        boolean ours = id == null;
        if (ours) {
            id = CorrelationIds.choose(request.getHeader(CorrelationIds.HEADER));
            MDC.put(CorrelationIds.CORRELATION_ID, id);
        }
        response.setHeader(CorrelationIds.HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (ours) {
                MDC.remove(CorrelationIds.CORRELATION_ID);
            }
        }
    }
}
