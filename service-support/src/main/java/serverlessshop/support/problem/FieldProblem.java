package serverlessshop.support.problem;

/** One field at fault, as the contracts' FieldError: its JSON name or path, where it was, and why. */
public record FieldProblem(String field, String in, String message) {

    public static FieldProblem body(String field, String message) {
        return new FieldProblem(field, "body", message);
    }
}
