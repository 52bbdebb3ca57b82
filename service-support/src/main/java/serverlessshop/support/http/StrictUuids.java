package serverlessshop.support.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** A UUID in its one canonical text form (RFC 9562: 8-4-4-4-12 hex digits), or an IllegalArgumentException. */
public final class StrictUuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private StrictUuids() {}

    public static UUID parse(String text) {
        if (text == null || text.isEmpty()) {
            return null; // absent: the parameter's own required-ness decides
        }
        if (!CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a UUID");
        }
        return UUID.fromString(text);
    }
}
