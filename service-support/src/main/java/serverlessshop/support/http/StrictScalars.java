package serverlessshop.support.http;

import java.util.regex.Pattern;

/**
 * Integers and booleans of the contracts' parameters in their JSON text form, as a contract
 * validator reads them, or an IllegalArgumentException: an integer is ASCII digits without leading
 * zeros and with an optional {@code -} (no {@code +}, spaces, other scripts' digits, hex), a boolean
 * is {@code true} or {@code false}.
 */
public final class StrictScalars {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private StrictScalars() {}

    public static Integer parseInteger(String text) {
        return text == null ? null : Integer.parseInt(integerText(text));
    }

    public static Long parseLong(String text) {
        return text == null ? null : Long.parseLong(integerText(text));
    }

    public static Boolean parseBoolean(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    /** Integer.parseInt would take other scripts' digits, a leading + and leading zeros: only JSON's form passes. */
    private static String integerText(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("not an integer");
        }
        return text;
    }
}
