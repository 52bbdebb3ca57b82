package serverlessshop.apicompat;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contract's {@code info.version}: plain semantic versioning, MAJOR.MINOR.PATCH. Pre-release and
 * build suffixes are refused so that "is the major bumped" and "is it newer" have one answer.
 */
public record ContractVersion(int major, int minor, int patch) implements Comparable<ContractVersion> {

    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");
    private static final Comparator<ContractVersion> ORDER = Comparator.comparingInt(ContractVersion::major)
            .thenComparingInt(ContractVersion::minor)
            .thenComparingInt(ContractVersion::patch);

    public static ContractVersion parse(String text) {
        Matcher m = SEMVER.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a contract version is MAJOR.MINOR.PATCH (for example 1.2.0), not '" + text + "'");
        }
        return new ContractVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(ContractVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
