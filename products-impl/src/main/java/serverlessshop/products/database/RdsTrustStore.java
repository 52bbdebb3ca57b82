package serverlessshop.products.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Builds the trust store the products functions verify RDS with, at build time (Maven runs
 * {@link #main} before packaging): the RDS certificate authorities' PEM bundle
 * ({@code src/main/rds-ca/global-bundle.pem}, AWS's global bundle) as a PKCS#12 trust store in the
 * jar ({@link JdbcUrls#RDS_TRUST_STORE}). Connector/J reads only key store formats, not PEM, and
 * converting at build time costs the cold start nothing. Without a password: it holds public
 * certificates only, nothing to keep secret.
 */
public final class RdsTrustStore {

    private RdsTrustStore() {}

    /** {@code RdsTrustStore <bundle.pem> <trust-store.p12>} */
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RdsTrustStore <bundle.pem> <trust-store.p12>");
        }
        List<X509Certificate> certificates;
        try (InputStream pem = Files.newInputStream(Path.of(args[0]))) {
            certificates = readPem(pem);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(args[0] + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (X509Certificate certificate : certificates) {
            store.setCertificateEntry(alias(certificate), certificate);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        try (OutputStream file = Files.newOutputStream(out)) {
            store.store(file, null);
        }
    }

    /** Every certificate of a PEM bundle, in order. */
    public static List<X509Certificate> readPem(InputStream pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(pem).stream()
                .map(X509Certificate.class::cast)
                .toList();
    }

    /** Every certificate of a trust store made by {@link #main}. */
    public static List<X509Certificate> readTrustStore(InputStream p12) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(p12, null);
        var certificates = new java.util.ArrayList<X509Certificate>();
        for (String alias : java.util.Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    private static String alias(X509Certificate certificate) {
        // The subject's distinguished name is unique in the bundle and says which CA it is.
        return certificate.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT);
    }
}
