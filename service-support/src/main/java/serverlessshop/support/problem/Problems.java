package serverlessshop.support.problem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem documents of the contracts' Problem schema: a URN type, a title and a stable code. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:serverless-shop:problem:";

    private Problems() {
    }

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
                ? "The field " + sorted.getFirst().field() + " " + sorted.getFirst().message() + "."
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

    public static String code(ProblemDetail problem) {
        return problem.getProperties() == null ? null : (String) problem.getProperties().get("code");
    }
}
