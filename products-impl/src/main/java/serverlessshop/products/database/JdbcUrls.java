package serverlessshop.products.database;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the products code reads from, or adds to, a MySQL JDBC URL. */
public final class JdbcUrls {

    /** The PKCS#12 trust store of the RDS certificate authorities, built from their bundle and shipped in the jar. */
    public static final String RDS_TRUST_STORE = "rds-ca/global-bundle.p12";

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:mysql://([^/:?]+)(?::(\\d+))?(?:[/?].*)?$");
    private static final Pattern CLASSPATH_TRUST_STORE =
            Pattern.compile("(trustCertificateKeyStoreUrl=)classpath:([^&]+)");

    private JdbcUrls() {}

    public static String host(String url) {
        return hostPort(url).group(1);
    }

    public static int port(String url) {
        String port = hostPort(url).group(2);
        return port == null ? 3306 : Integer.parseInt(port);
    }

    /**
     * The URL with a {@code trustCertificateKeyStoreUrl=classpath:...} replaced by the resource's
     * real URL: Connector/J opens the trust store with {@code java.net.URL}, which knows no
     * {@code classpath:}, and the jar's path differs between the image and a local run.
     */
    public static String withTrustStoreResolved(String url) {
        return withTrustStoreResolved(url, JdbcUrls.class.getClassLoader());
    }

    static String withTrustStoreResolved(String url, ClassLoader classLoader) {
        Matcher matcher = CLASSPATH_TRUST_STORE.matcher(url);
        if (!matcher.find()) {
            return url;
        }
        String resource = matcher.group(2);
        URL location = classLoader.getResource(resource);
        if (location == null) {
            throw new IllegalStateException(
                    "The trust store " + resource + " of the database URL is not on the class path");
        }
        // Encoded: the driver decodes the values of the URL's properties.
        return url.substring(0, matcher.start())
                + matcher.group(1)
                + URLEncoder.encode(location.toString(), StandardCharsets.UTF_8)
                + url.substring(matcher.end());
    }

    private static Matcher hostPort(String url) {
        Matcher matcher = HOST_PORT.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a jdbc:mysql://host[:port]/database URL: " + url);
        }
        return matcher;
    }
}
