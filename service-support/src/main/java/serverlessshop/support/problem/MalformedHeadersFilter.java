package serverlessshop.support.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of the chain. A {@code Content-Type} or {@code Accept} that is not a media type,
 * or a {@code Content-Length} that is not a number, is answered 400 problem+json here, before anything parses it: further down, the Lambda
 * container's own request parsing throws on some of them (a {@code Content-Type: ;;;} made the
 * character-encoding filter fail, which the container turns into a bare 502), and Spring answers
 * an unreadable {@code Accept} with a 406 that has no body. And whatever still escapes the filters
 * becomes a 500 problem+json rather than the container's 502 without a body.
 */
public class MalformedHeadersFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MalformedHeadersFilter.class);

    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");

    private final ObjectMapper json;

    public MalformedHeadersFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String malformed = malformedHeader(request);
        if (malformed != null) {
            write(request, response, Problems.of(HttpStatus.BAD_REQUEST, "BAD_REQUEST", malformed));
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.error("Unexpected error in a filter answering {}", request.getRequestURI(), e);
            response.reset();
            write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "INTERNAL_ERROR",
                            "Something went wrong on our side. Try again later."));
        }
    }

    /** What is wrong with the request's headers, or null. */
    private static String malformedHeader(HttpServletRequest request) {
        // The container parses it as a number wherever the length is asked for (the body limit does).
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && !CONTENT_LENGTH.matcher(contentLength).matches()) {
            return "The Content-Length header is not a length in bytes.";
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank()) {
            try {
                MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                return "The Content-Type header is not a valid media type.";
            }
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank()) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                return "The Accept header is not a valid media type.";
            }
        }
        return null;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Problems.write(json, request, response, problem);
    }
}
