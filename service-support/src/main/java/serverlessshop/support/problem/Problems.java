package serverlessshop.support.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds problem documents of the contracts' Problem schema: a URN type, a title and a stable code. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:serverless-shop:problem:";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        return of(status, code, detail, Map.of());
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        withCode(problem, code);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** 400 {@code VALIDATION_FAILED} with {@code errors} naming each bad field, in a stable order. */
    public static ProblemDetail validationFailed(List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        String detail = sorted.size() == 1
                ? "The field " + sorted.getFirst().field() + " "
                        + sorted.getFirst().message() + "."
                : sorted.size() + " fields are not valid.";
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail, Map.of("errors", sorted));
        problem.setTitle("The request is not valid");
        return problem;
    }

    /** Gives a problem (one of Spring's too) the type and code that our contract requires. */
    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * Answers with the problem where no controller does (a servlet filter, security's handlers): its
     * instance is the request's path, its status and media type the response's.
     */
    public static void write(
            ObjectMapper json, HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(instance(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The {@code instance} of a problem: the request's path, which the client chose, made a valid URI
     * reference within the contract's 2,048 characters (anything outside the path characters of RFC 3986
     * percent-encoded, and a path too long cut short).
     */
    public static URI instance(String requestPath) {
        String path = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        StringBuilder out = new StringBuilder();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            char c = (char) (b & 0xFF);
            boolean escape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape
                    || c < 0x80 && c != '%' && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
            if (out.length() > MAX_INSTANCE) {
                out.setLength(MAX_INSTANCE);
                int lastEscape = out.lastIndexOf("%");
                if (lastEscape > MAX_INSTANCE - 3) {
                    out.setLength(lastEscape); // no half escape at the cut
                }
                break;
            }
        }
        return URI.create(out.toString());
    }

    private static final int MAX_INSTANCE = 2048;

    private static boolean isHex(byte b) {
        return Character.digit((char) (b & 0xFF), 16) >= 0;
    }

    public static String code(ProblemDetail problem) {
        return problem.getProperties() == null
                ? null
                : (String) problem.getProperties().get("code");
    }
}
