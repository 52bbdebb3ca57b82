package serverlessshop.products.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/**
 * The RDS certificate authorities ship in the jar: the trust store the build made holds exactly the
 * certificates of the PEM bundle, which are RDS's root authorities (self-signed, valid now), and the
 * functions' URL finds it on the class path as Connector/J will open it.
 */
class RdsTrustStoreTest {

    private static final Path BUNDLE = Path.of("src/main/rds-ca/global-bundle.pem");

    @Test
    void theBundleHoldsRdsRootAuthoritiesValidNow() throws Exception {
        List<X509Certificate> bundle = bundle();
        Date now = new Date();

        assertThat(bundle).hasSizeGreaterThanOrEqualTo(100);
        List<String> names = bundle.stream().map(RdsTrustStoreTest::commonName).toList();
        assertThat(names)
                .contains(
                        "Amazon RDS us-east-1 Root CA RSA2048 G1",
                        "Amazon RDS us-east-1 Root CA RSA4096 G1",
                        "Amazon RDS us-east-1 Root CA ECC384 G1",
                        "Amazon RDS eu-west-1 Root CA RSA2048 G1",
                        "Amazon RDS eu-central-1 Root CA RSA2048 G1",
                        "Amazon RDS ap-southeast-2 Root CA RSA2048 G1");
        assertThat(names)
                .allMatch(name -> name.matches(
                        "Amazon RDS (Beta |Preview )?[a-z]{2}-[a-z]+-\\d Root CA (RSA2048|RSA4096|ECC384) G1"));
        for (X509Certificate certificate : bundle) {
            String name = commonName(certificate);
            assertThat(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253))
                    .as(name)
                    .contains("OU=Amazon RDS", "O=Amazon Web Services\\, Inc.");
            assertThat(certificate.getIssuerX500Principal()).as(name).isEqualTo(certificate.getSubjectX500Principal());
            certificate.verify(certificate.getPublicKey());
            certificate.checkValidity(now);
            assertThat(certificate.getBasicConstraints())
                    .as(name + " is an authority")
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void theJarsTrustStoreHoldsExactlyTheBundle() throws Exception {
        String url = JdbcUrls.withTrustStoreResolved(
                "jdbc:mysql://db:3306/products?sslMode=VERIFY_IDENTITY" + "&trustCertificateKeyStoreUrl=classpath:"
                        + JdbcUrls.RDS_TRUST_STORE + "&trustCertificateKeyStoreType=PKCS12");
        String location = URLDecoder.decode(
                url.replaceFirst(".*trustCertificateKeyStoreUrl=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        assertThat(location).endsWith(JdbcUrls.RDS_TRUST_STORE).doesNotStartWith("classpath:");

        // As Connector/J opens it: java.net.URL, PKCS12, no password.
        try (InputStream store = URI.create(location).toURL().openStream()) {
            assertThat(RdsTrustStore.readTrustStore(store)).containsExactlyInAnyOrderElementsOf(bundle());
        }
    }

    private static List<X509Certificate> bundle() throws Exception {
        try (InputStream pem = Files.newInputStream(BUNDLE)) {
            return RdsTrustStore.readPem(pem);
        }
    }

    private static String commonName(X509Certificate certificate) {
        return certificate
                .getSubjectX500Principal()
                .getName(X500Principal.RFC2253)
                .replaceFirst("^.*CN=([^,]+).*$", "$1");
    }
}
