package serverlessshop.support.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ValidationFailed;

/**
 * What binding cannot see of an operation's query parameters, refused before binding as a 400 naming
 * the parameter. No parameter of the contracts is a list, and none allows an empty text (strings have
 * a minimum length, the rest are integers, booleans and enums); yet Spring joins the values of a
 * parameter given twice with a comma or takes the first, counts an empty value as absent (so
 * {@code limit=} became the default page size), and trims an enum's value before looking it up.
 */
public class StrictQueryValues implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<FieldProblem> errors = new ArrayList<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            if (query == null) {
                continue;
            }
            String name = query.value().isEmpty() ? query.name() : query.value();
            String[] values = request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            Class<?> type = parameter.getParameterType();
            if (values.length > 1) {
                errors.add(new FieldProblem(name, "query", "must be given once"));
            } else if (values[0] == null || values[0].isEmpty()) {
                errors.add(new FieldProblem(name, "query", "must not be empty"));
            } else if (type.isEnum() && isPadded(values[0])) {
                errors.add(
                        new FieldProblem(name, "query", "must be one of " + Arrays.toString(type.getEnumConstants())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return true;
    }

    /**
     * Spring trims an enum's value with {@link String#trim()}, which drops every character up to
     * U+0020, control characters too ({@code status=%00} was taken as no status); {@link String#strip()}
     * drops Unicode white space, which trim keeps.
     */
    private static boolean isPadded(String value) {
        return !value.equals(value.trim()) || !value.equals(value.strip());
    }
}
