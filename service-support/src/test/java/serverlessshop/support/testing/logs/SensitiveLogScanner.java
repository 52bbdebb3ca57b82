package serverlessshop.support.testing.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never be in a log line: tokens, credentials, secrets and customers' shipping
 * addresses. For any suite: give it the lines a run printed (a captured stdout, a child process's log
 * file, the local cloud's console) and fail the suite on any finding.
 *
 * <pre>{@code
 * SensitiveLogScanner scanner = SensitiveLogScanner.standard()      // JWTs, Bearer/Basic, Authorization
 *         .withSecrets("my-db-password")                             // plus the repo's known test secrets
 *         .withAddresses("123 Serverless Way");                      // street lines of the orders placed
 * List<SensitiveLogScanner.Finding> findings = scanner.scan(lines);  // List<String>, String or Path
 * scanner.assertClean(output);                                       // AssertionError listing each finding
 * }</pre>
 *
 * What counts as a finding ({@link Kind}):
 * <ul>
 *   <li>{@code JWT}: a three-part token {@code eyJ...eyJ...[.signature]} (an unsigned {@code alg: none}
 *       token too);</li>
 *   <li>{@code CREDENTIAL}: {@code Bearer <token>} or {@code Basic <credentials>}, or an
 *       {@code Authorization} header or field with a value (prose like "Authorization: Bearer ..." is
 *       not one);</li>
 *   <li>{@code PASSWORD}: {@code password=}, {@code secret=}, {@code client_secret=} (also {@code :}
 *       and JSON {@code "password":"..."}) with a value that is not masked ({@code ***},
 *       {@code [REDACTED]}, empty); a Secrets Manager ARN ({@code ...:123456789012:secret:name}) names a
 *       secret and is not one;</li>
 *   <li>{@code KNOWN_SECRET}: one of the known secret values, anywhere ({@link #KNOWN_TEST_SECRETS} and
 *       those given to {@link #withSecrets});</li>
 *   <li>{@code SHIPPING_ADDRESS}: a shipping address as a field ({@code "shipping_address":{...}},
 *       {@code shippingAddress=...}) or one of the address texts given to {@link #withAddresses},
 *       case-insensitively.</li>
 * </ul>
 * A finding's excerpt is masked, so a failing test does not print the secret again. The scanner is
 * immutable: {@code with...} return a new one.
 */
public final class SensitiveLogScanner {

    /** The secrets this repository's tests and local cloud use: the orders machine client's. */
    public static final Set<String> KNOWN_TEST_SECRETS = Set.of("orders-test-secret", "local-orders-secret");

    public enum Kind {
        JWT,
        CREDENTIAL,
        PASSWORD,
        KNOWN_SECRET,
        SHIPPING_ADDRESS
    }

    /** One line that holds something sensitive: its number (from 1), what it holds, a masked excerpt. */
    public record Finding(int line, Kind kind, String excerpt) {
        @Override
        public String toString() {
            return "line " + line + ": " + kind + " (" + excerpt + ")";
        }
    }

    /** A pattern, and what its value group must be to count (prose and masked values do not). */
    private record Rule(Kind kind, Pattern pattern, int valueGroup, Predicate<String> counts) {}

    /** Values that say a secret was there and is hidden. */
    private static final Pattern MASKED =
            Pattern.compile("(?i)yes|no|\\**|\\[?redacted]?|<redacted>|\\[?hidden]?|xxx+|null|none|");

    private static final Pattern DIGIT = Pattern.compile(".*[0-9].*");

    private static final List<Rule> RULES = List.of(
            new Rule(
                    Kind.JWT,
                    Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*"),
                    0,
                    value -> true),
            // Tokens have digits; "bearer authentication" has none.
            new Rule(
                    Kind.CREDENTIAL,
                    Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{8,})"),
                    1,
                    value -> DIGIT.matcher(value).matches()),
            // Basic credentials are base64 of "user:password".
            new Rule(
                    Kind.CREDENTIAL,
                    Pattern.compile("\\bBasic\\s+([A-Za-z0-9+/]{4,}={0,2})"),
                    1,
                    SensitiveLogScanner::isBasicCredentials),
            new Rule(
                    Kind.CREDENTIAL,
                    Pattern.compile("(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\\[\"']*\\s*([A-Za-z0-9._~+/=-]{12,})"),
                    1,
                    value -> true),
            // Not a Secrets Manager ARN's resource type (arn:aws:secretsmanager:<region>:<account>:secret:<name>): a
            // name.
            new Rule(
                    Kind.PASSWORD,
                    Pattern.compile(
                            "(?i)(?:password|passwd|pwd|(?<!:\\d{12}:)secret)[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',;&})\\]]*)"),
                    1,
                    value -> !MASKED.matcher(value).matches()),
            new Rule(
                    Kind.SHIPPING_ADDRESS,
                    Pattern.compile(
                            "(?i)(?:\"shipping_address\\\\?\"\\s*:\\s*\\{|shipping_?address\\s*[=:]\\s*(?!null\\b)[\\[{A-Za-z0-9])"),
                    0,
                    value -> true));

    private final Set<String> secrets;
    private final Set<String> addresses;

    private SensitiveLogScanner(Set<String> secrets, Set<String> addresses) {
        this.secrets = Set.copyOf(secrets);
        this.addresses = Set.copyOf(addresses);
    }

    /** The patterns and {@link #KNOWN_TEST_SECRETS}. */
    public static SensitiveLogScanner standard() {
        return new SensitiveLogScanner(KNOWN_TEST_SECRETS, Set.of());
    }

    /** Also finds these exact values (blank ones are ignored). */
    public SensitiveLogScanner withSecrets(String... values) {
        Set<String> more = new LinkedHashSet<>(secrets);
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                more.add(value);
            }
        }
        return new SensitiveLogScanner(more, addresses);
    }

    /** Also finds these address texts, e.g. the street line of every order a suite placed. */
    public SensitiveLogScanner withAddresses(String... texts) {
        Set<String> more = new LinkedHashSet<>(addresses);
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                more.add(text.toLowerCase(Locale.ROOT));
            }
        }
        return new SensitiveLogScanner(secrets, more);
    }

    public List<Finding> scan(List<String> lines) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            scanLine(i + 1, lines.get(i), findings);
        }
        return findings;
    }

    public List<Finding> scan(String output) {
        return scan(output.lines().toList());
    }

    public List<Finding> scan(Path logFile) {
        try {
            return scan(Files.readAllLines(logFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every finding (masked) when the output holds anything sensitive. */
    public void assertClean(String output) {
        assertClean(scan(output), output.lines().count());
    }

    public void assertClean(List<String> lines) {
        assertClean(scan(lines), lines.size());
    }

    public void assertClean(Path logFile) {
        assertClean(scan(logFile), -1);
    }

    private static void assertClean(List<Finding> findings, long lines) {
        if (!findings.isEmpty()) {
            StringBuilder message = new StringBuilder(findings.size() + " sensitive value(s) in "
                    + (lines >= 0 ? lines + " log lines" : "the log") + ":");
            findings.forEach(finding -> message.append("\n  ").append(finding));
            throw new AssertionError(message.toString());
        }
    }

    private void scanLine(int number, String line, List<Finding> findings) {
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(line);
            while (matcher.find()) {
                if (!rule.counts().test(matcher.group(rule.valueGroup()))) {
                    continue;
                }
                findings.add(new Finding(number, rule.kind(), mask(matcher.group())));
            }
        }
        for (String secret : secrets) {
            if (line.contains(secret)) {
                findings.add(new Finding(number, Kind.KNOWN_SECRET, mask(secret)));
            }
        }
        String lower = line.toLowerCase(Locale.ROOT);
        for (String address : addresses) {
            if (lower.contains(address)) {
                findings.add(new Finding(number, Kind.SHIPPING_ADDRESS, mask(address)));
            }
        }
    }

    private static boolean isBasicCredentials(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).contains(":");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String mask(String text) {
        return text.length() <= 6 ? "***" : text.substring(0, 6) + "***";
    }
}
