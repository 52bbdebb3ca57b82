package serverlessshop.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The names the contracts give what Java names otherwise: a model's property path as the JSON
 * field path the client wrote ({@code shippingAddress.zipCode} is {@code shipping_address.zip_code}),
 * and a handler's parameter as the query, path or header parameter it binds.
 */
final class ContractNames {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ContractNames() {}

    /** A handler parameter by the name and place it has in the contract (query, path or header). */
    record Parameter(String name, String in) {

        static Parameter of(MethodParameter parameter) {
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            if (query != null) {
                return new Parameter(query.value().isEmpty() ? query.name() : query.value(), "query");
            }
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            if (path != null) {
                return new Parameter(path.value().isEmpty() ? path.name() : path.value(), "path");
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null) {
                return new Parameter(header.value().isEmpty() ? header.name() : header.value(), "header");
            }
            return new Parameter(String.valueOf(parameter.getParameterName()), "body");
        }
    }

    /** {@code shippingAddress.zipCode} (a Java property path) as the client wrote it: {@code shipping_address.zip_code}. */
    static String jsonPath(String javaPath) {
        String[] parts = javaPath.split("\\.");
        return String.join(
                ".",
                Arrays.stream(parts)
                        .map(part -> {
                            int bracket = part.indexOf('[');
                            return bracket < 0
                                    ? SNAKE_CASE.translate(part)
                                    : SNAKE_CASE.translate(part.substring(0, bracket)) + part.substring(bracket);
                        })
                        .toList());
    }

    /** The path Jackson reports, which already uses the JSON names: {@code items[0].quantity}. */
    static String jsonPath(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The field at fault in a violation reported by Spring's method-validation proxy, which names
     * Java parameters and properties: a parameter by its contract name and place, a property of a
     * body (or of a parameter's object) by its JSON path.
     */
    static FieldProblem fieldProblem(ConstraintViolation<?> violation) {
        Path.MethodNode method = null;
        List<String> beanPath = new ArrayList<>();
        Parameter parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            // Hibernate's nodes implement every Node interface: only getKind() tells what a node is.
            switch (node.getKind()) {
                case METHOD -> method = node.as(Path.MethodNode.class);
                case PARAMETER ->
                    parameter = method == null
                            ? null
                            : parameterOf(
                                    violation.getRootBeanClass(),
                                    method,
                                    node.as(Path.ParameterNode.class).getParameterIndex());
                case PROPERTY, CONTAINER_ELEMENT -> {
                    if (node.getName() != null) {
                        beanPath.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
                    }
                }
                default -> {
                    // bean, return value, cross-parameter: nothing to name
                }
            }
        }
        if (parameter == null || !beanPath.isEmpty()) {
            return FieldProblem.body(jsonPath(String.join(".", beanPath)), violation.getMessage());
        }
        return new FieldProblem(parameter.name(), parameter.in(), violation.getMessage());
    }

    private static Parameter parameterOf(Class<?> type, Path.MethodNode node, int index) {
        try {
            Method method =
                    type.getMethod(node.getName(), node.getParameterTypes().toArray(Class[]::new));
            // AnnotatedMethod sees the @RequestParam/@PathVariable/@RequestHeader of the generated interface.
            return Parameter.of(new AnnotatedMethod(method).getMethodParameters()[index]);
        } catch (NoSuchMethodException e) {
            return new Parameter(node.getName(), "query");
        }
    }
}
