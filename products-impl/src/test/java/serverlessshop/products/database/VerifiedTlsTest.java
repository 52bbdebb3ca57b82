package serverlessshop.products.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import serverlessshop.products.testing.TestCertificates;
import serverlessshop.products.testing.TestDatabase;
import serverlessshop.support.testing.mariadb.MariaDbServer;

/**
 * TLS that verifies who the server is, as the functions connect to RDS (sslMode=VERIFY_IDENTITY,
 * the trust store built from a CA bundle by {@link RdsTrustStore}): against a server of its own
 * with a test authority's certificate for "localhost", it connects when the trust store holds that
 * authority and the host name matches, and refuses another authority (even one with the same name)
 * or a host name the certificate does not carry.
 *
 * <p>In the MariaDB execution only: it starts a server of its own, once is enough.
 */
@Tag(TestDatabase.MARIADB_ONLY)
class VerifiedTlsTest {

    @TempDir
    static Path dir;

    private static MariaDbServer server;
    private static Path rightTrustStore;
    private static Path otherTrustStore;

    @BeforeAll
    static void startServerWithATestCertificate() throws Exception {
        MariaDbServer.assumeInstalled();
        TestCertificates authority = TestCertificates.authority("Test RDS Root CA");
        // Same name, another key: only the key makes an authority.
        TestCertificates impostor = TestCertificates.authority("Test RDS Root CA");
        Path[] serverFiles = authority.issueServer(dir, "server", "localhost");
        rightTrustStore = trustStore(authority, "right");
        otherTrustStore = trustStore(impostor, "other");
        server = MariaDbServer.create(
                dir.resolve("mariadb"),
                "--ssl-ca=" + authority.writeCertificate(dir.resolve("ca.pem")),
                "--ssl-cert=" + serverFiles[0],
                "--ssl-key=" + serverFiles[1],
                "--require-secure-transport=ON");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectsWhenTheServerCertificateChainsToTheTrustedAuthorityAndNamesTheHost() throws SQLException {
        try (Connection connection =
                server.connect(url("localhost", rightTrustStore.toUri().toString()))) {
            assertThat(sslCipher(connection)).isNotBlank();
        }
    }

    @Test
    void connectsWithTheTrustStoreOnTheClassPathAsTheFunctionsUrlNamesIt() throws Exception {
        // The functions' URL says trustCertificateKeyStoreUrl=classpath:rds-ca/global-bundle.p12; here the
        // test authority's store stands in for it on a class path of its own.
        Path classPath = Files.createDirectories(dir.resolve("classpath/rds-ca"));
        Files.copy(rightTrustStore, classPath.resolve("global-bundle.p12"));
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.resolve("classpath").toUri().toURL()}, null)) {
            String url =
                    JdbcUrls.withTrustStoreResolved(url("localhost", "classpath:" + JdbcUrls.RDS_TRUST_STORE), loader);

            try (Connection connection = server.connect(url)) {
                assertThat(sslCipher(connection)).isNotBlank();
            }
        }
    }

    @Test
    void refusesAServerSignedByAnotherAuthority() {
        assertThatThrownBy(() -> server.connect(
                                url("localhost", otherTrustStore.toUri().toString()))
                        .close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("javax.net.ssl.SSLHandshakeException")
                .hasStackTraceContaining("signature check failed");
    }

    @Test
    void refusesAHostNameTheCertificateDoesNotCarry() {
        // The same server by its address: the certificate names localhost only.
        assertThatThrownBy(() -> server.connect(
                                url("127.0.0.1", rightTrustStore.toUri().toString()))
                        .close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("Server identity verification failed")
                .hasStackTraceContaining("'127.0.0.1'");
    }

    @Test
    void verifyingTheAuthorityAloneWouldHaveAcceptedThatHostName() throws SQLException {
        // What VERIFY_IDENTITY adds to VERIFY_CA: the previous refusal was the host name's.
        String url = url("127.0.0.1", rightTrustStore.toUri().toString()).replace("VERIFY_IDENTITY", "VERIFY_CA");
        try (Connection connection = server.connect(url)) {
            assertThat(sslCipher(connection)).isNotBlank();
        }
    }

    /** The functions' URL, but for this server and trust store. */
    private static String url(String host, String trustStoreUrl) {
        return "jdbc:mysql://" + host + ":" + server.port() + "/?connectionTimeZone=UTC"
                + "&sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=" + trustStoreUrl
                + "&trustCertificateKeyStoreType=PKCS12";
    }

    private static Path trustStore(TestCertificates authority, String name) throws Exception {
        Path pem = authority.writeCertificate(dir.resolve(name + "-ca.pem"));
        Path p12 = dir.resolve(name + "-ca.p12");
        RdsTrustStore.main(new String[] {pem.toString(), p12.toString()});
        return p12;
    }

    private static String sslCipher(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertThat(row.next()).isTrue();
            return row.getString(2);
        }
    }
}
