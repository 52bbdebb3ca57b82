package serverlessshop.support.problem;

/**
 * One field at fault, as the contracts' FieldError: its JSON name or path, where it was, and why.
 * The name comes from the client (an unknown field is named as sent), so it is cut to the
 * contract's 200 characters and its control characters are replaced: an error about bad input
 * must not itself break the contract.
 */
public record FieldProblem(String field, String in, String message) {

    static final int MAX_FIELD = 200;
    static final int MAX_MESSAGE = 500;

    public FieldProblem {
        field = printable(field, MAX_FIELD);
        message = printable(message, MAX_MESSAGE);
    }

    public static FieldProblem body(String field, String message) {
        return new FieldProblem(field, "body", message);
    }

    /** Control characters as U+FFFD, at most {@code max} characters, never a lone half of a surrogate pair at the cut. */
    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '\uFFFD' : c);
        }
        if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
