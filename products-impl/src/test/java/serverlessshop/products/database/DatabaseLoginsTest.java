package serverlessshop.products.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** When the logins read or sign their credentials again: the logic, with a clock the test moves. */
class DatabaseLoginsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:products-app-AbCdEf";

    private Clock clock = Clock.fixed(START, ZoneOffset.UTC);

    @Test
    void anIamTokenIsReusedForTenMinutesThenSignedAfresh() {
        List<String> signed = new ArrayList<>();
        IamTokenLogin login = new IamTokenLogin(
                "db.example",
                3306,
                "products_app",
                (host, port, user) -> {
                    signed.add(host + ":" + port + "/" + user);
                    return "token-" + signed.size();
                },
                movable());

        assertThat(login.current().password()).isEqualTo("token-1");
        at(START.plus(Duration.ofMinutes(9)));
        assertThat(login.current().password()).isEqualTo("token-1");
        at(START.plus(IamTokenLogin.REUSE));
        assertThat(login.current().password()).isEqualTo("token-2");
        assertThat(login.current().username()).isEqualTo("products_app");
        assertThat(signed).containsExactly("db.example:3306/products_app", "db.example:3306/products_app");
    }

    @Test
    void aRefusedIamTokenIsSignedAfreshAtOnce() {
        int[] count = {0};
        IamTokenLogin login =
                new IamTokenLogin("db.example", 3306, "products_app", (h, p, u) -> "token-" + ++count[0], movable());

        login.current();
        login.forget();

        assertThat(login.current().password()).isEqualTo("token-2");
    }

    @Test
    void theSdksTokenIsAPresignedConnectRequestForTheHostAndUserValidFifteenMinutes() {
        IamTokenLogin.TokenSigner signer = IamTokenLogin.rdsUtilities(
                Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-real-key")));

        String token = signer.sign("db.example.eu-west-1.rds.amazonaws.com", 3306, "products_app");

        // host:port/?Action=connect&DBUser=...&X-Amz-...: what RDS checks against the role's rds-db:connect.
        assertThat(token).startsWith("db.example.eu-west-1.rds.amazonaws.com:3306/?");
        String query = URLDecoder.decode(URI.create("https://" + token).getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query)
                .contains(
                        "Action=connect",
                        "DBUser=products_app",
                        "X-Amz-Credential=AKIDEXAMPLE/",
                        "/eu-west-1/rds-db/aws4_request",
                        "X-Amz-Signature=");
        // Fifteen minutes from when the SDK set the expiry, counted from when it signed: 899 when a second
        // boundary passes between the two (a busy machine), 900 otherwise.
        assertThat(query).containsPattern("X-Amz-Expires=(899|900)(&|$)");
        assertThat(token).doesNotContain("not-a-real-key");
    }

    @Test
    void iamAuthenticationNeedsAUserAndARegion() {
        assertThatThrownBy(() -> new IamTokenLogin("db", 3306, " ", (h, p, u) -> "t", clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IamTokenLogin.rdsUtilities(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void aSecretIsReadAtTheFirstLoginAndAgainOnlyAfterARefusal() {
        List<String> values = new ArrayList<>(List.of(secret("one"), secret("two")));
        int[] reads = {0};
        SecretLogin login = new SecretLogin(ARN, id -> values.get(reads[0]++), movable(), Duration.ofSeconds(5));

        assertThat(login.current().password()).isEqualTo("one");
        assertThat(login.current().password()).isEqualTo("one");
        assertThat(reads[0]).isEqualTo(1);

        at(START.plusSeconds(60));
        login.forget();

        assertThat(login.current().password()).isEqualTo("two");
        assertThat(reads[0]).isEqualTo(2);
    }

    @Test
    void aSecretIsNotReadAgainSoonerThanTheMinimumInterval() {
        int[] reads = {0};
        SecretLogin login = new SecretLogin(
                ARN,
                id -> {
                    reads[0]++;
                    return secret("same");
                },
                movable(),
                Duration.ofSeconds(5));

        login.current();
        at(START.plusSeconds(4));
        login.forget();
        login.current();
        assertThat(reads[0])
                .as("refused again within 5 s: the pool's retries cost no more reads")
                .isEqualTo(1);

        at(START.plusSeconds(5));
        login.forget();
        login.current();
        assertThat(reads[0]).isEqualTo(2);
    }

    @Test
    void theUrlsHostAndPortAreWhatTheTokenIsSignedFor() {
        String url = "jdbc:mysql://products.abc.eu-west-1.rds.amazonaws.com:3306/products?sslMode=VERIFY_IDENTITY";
        assertThat(JdbcUrls.host(url)).isEqualTo("products.abc.eu-west-1.rds.amazonaws.com");
        assertThat(JdbcUrls.port(url)).isEqualTo(3306);
        assertThat(JdbcUrls.port("jdbc:mysql://db/products")).isEqualTo(3306);
        assertThatThrownBy(() -> JdbcUrls.host("jdbc:h2:mem:products")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUrlWithoutAClassPathTrustStoreIsLeftAlone() {
        String url =
                "jdbc:mysql://db:3306/products?sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=file:/etc/ca.p12";
        assertThat(JdbcUrls.withTrustStoreResolved(url)).isEqualTo(url);
        assertThatThrownBy(() -> JdbcUrls.withTrustStoreResolved(
                        "jdbc:mysql://db/p?trustCertificateKeyStoreUrl=classpath:nowhere.p12"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere.p12");
    }

    /** A clock that reads this test's current instant, as {@link #at} moves it. */
    private Clock movable() {
        return new Clock() {
            @Override
            public Instant instant() {
                return clock.instant();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    private void at(Instant instant) {
        clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static String secret(String password) {
        return "{\"username\":\"products_app\",\"password\":\"" + password + "\"}";
    }
}
