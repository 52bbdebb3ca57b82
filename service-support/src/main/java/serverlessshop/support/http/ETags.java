package serverlessshop.support.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import serverlessshop.support.problem.ProblemException;

/** Strong ETags that carry a resource's version number: {@code "7"}. */
public final class ETags {

    private static final Pattern VERSION = Pattern.compile("^\"(\\d{1,18})\"$");

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for, or null when the header is absent or
     * {@code *} (any version). A weak or foreign ETag can never match one of ours: 412.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw preconditionFailed();
        }
        return Long.parseLong(matcher.group(1));
    }

    public static ProblemException preconditionFailed() {
        return new ProblemException(
                HttpStatus.PRECONDITION_FAILED,
                "PRECONDITION_FAILED",
                "The resource has changed since the version in If-Match: read it again and retry.");
    }
}
