package serverlessshop.support.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request (method, path, status, milliseconds: never headers, query or body, which
 * may hold tokens or addresses), and the request's correlation id on the response
 * ({@code X-Correlation-Id}), so that a client or support can find the request's lines in every
 * function it went through. In Lambda, {@code HttpApiFunction} has chosen the id already; elsewhere
 * (a plain Spring Boot run, MockMvc) this filter chooses it from the header and puts it in the MDC.
 */
public class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long begin = System.nanoTime();
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
            log.info(
                    "{} {} -> {} in {} ms",
                    request.getMethod(),
                    request.getRequestURI(),
                    response.getStatus(),
                    (System.nanoTime() - begin) / 1_000_000);
            if (ours) {
                MDC.remove(CorrelationIds.CORRELATION_ID);
            }
        }
    }
}
