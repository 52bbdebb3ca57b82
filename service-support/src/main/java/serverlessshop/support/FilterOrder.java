package serverlessshop.support;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.filter.OrderedFormContentFilter;
import org.springframework.core.Ordered;

/**
 * Where each servlet filter of a service runs, in one list so that no two claim the same place.
 * The first five are service-support's and Spring Boot's character-encoding filter, moved here from
 * its own {@code HIGHEST_PRECEDENCE}; Spring Boot places the rest, which all come after them:
 * {@link OrderedFormContentFilter#DEFAULT_ORDER FormContentFilter} (-9900),
 * {@code RequestContextFilter} (-105) and Spring
 * Security's chain ({@link SecurityProperties#DEFAULT_FILTER_ORDER}, -100).
 */
public final class FilterOrder {

    /**
     * {@code RequestLogFilter}, first: every request, those the next filters refuse too, gets its log
     * line and its {@code X-Correlation-Id}, and whatever runs after it logs with that id.
     */
    public static final int REQUEST_LOG = Ordered.HIGHEST_PRECEDENCE;

    /**
     * {@code MalformedHeadersFilter}: a {@code Content-Type}, {@code Accept} or {@code Content-Length}
     * that cannot be parsed is answered before anything parses it (the character-encoding filter
     * reads the charset of the first, the body limit asks for the last); and what escapes a filter
     * after it becomes a 500 problem rather than the Lambda container's bare 502.
     */
    public static final int MALFORMED_HEADERS = REQUEST_LOG + 10;

    /**
     * {@code OriginGuardFilter} (when configured): a request that did not come through CloudFront is
     * refused before any work is done for it, its body unread; it still has its log line.
     */
    public static final int ORIGIN_GUARD = MALFORMED_HEADERS + 10;

    /** Spring Boot's {@code CharacterEncodingFilter}, once the headers it reads are known to be well formed. */
    public static final int CHARACTER_ENCODING = ORIGIN_GUARD + 10;

    /**
     * {@code RequestBodyLimitFilter}: an oversized body is refused before anything reads it, Spring
     * Boot's form-content filter and Spring Security included.
     */
    public static final int REQUEST_BODY_LIMIT = CHARACTER_ENCODING + 10;

    /**
     * A service's operations for direct invocations only: from API Gateway they are answered 404, as
     * an unknown route, before Spring Security could tell that they exist by answering 401 or 403.
     */
    public static final int DIRECT_INVOCATION_ONLY = REQUEST_BODY_LIMIT + 10;

    private FilterOrder() {}
}
