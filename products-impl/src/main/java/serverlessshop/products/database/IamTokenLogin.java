package serverlessshop.products.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import serverlessshop.products.lambda.DatabaseCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * IAM database authentication: the "password" is a token that the function's role signs for this
 * host, port and user (no network call, no secret anywhere), which RDS accepts for 15 minutes. A
 * token is reused for {@link #REUSE} and then signed afresh; the database checks it only when a
 * connection opens, so open connections outlive it.
 */
public final class IamTokenLogin implements DatabaseLogin {

    /** Well inside the token's 15 minutes: room for clock skew and a slow connection attempt. */
    static final Duration REUSE = Duration.ofMinutes(10);

    /** Signs a token for a user of a database endpoint. */
    @FunctionalInterface
    public interface TokenSigner {
        String sign(String host, int port, String user);
    }

    private final String host;
    private final int port;
    private final String user;
    private final TokenSigner signer;
    private final Clock clock;

    private String token;
    private Instant signedAt;

    public IamTokenLogin(String host, int port, String user, TokenSigner signer, Clock clock) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("IAM database authentication needs the database user's name");
        }
        this.host = host;
        this.port = port;
        this.user = user;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * The SDK's own signer, RdsUtilities, with the function role's credentials (Lambda puts them in
     * the environment) and region: explicit, so that nothing is probed at a cold start.
     */
    public static TokenSigner rdsUtilities(String region) {
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: cannot sign an IAM database authentication token");
        }
        return rdsUtilities(Region.of(region), EnvironmentVariableCredentialsProvider.create());
    }

    /** With these credentials: tests, and the AOT cache's training run. */
    public static TokenSigner rdsUtilities(Region region, AwsCredentialsProvider credentials) {
        RdsUtilities utilities = RdsUtilities.builder()
                .region(region)
                .credentialsProvider(credentials)
                .build();
        return (host, port, user) -> utilities.generateAuthenticationToken(
                request -> request.hostname(host).port(port).username(user));
    }

    @Override
    public synchronized DatabaseCredentials current() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(signedAt.plus(REUSE))) {
            token = signer.sign(host, port, user);
            signedAt = now;
        }
        return new DatabaseCredentials(user, token);
    }

    @Override
    public synchronized void forget() {
        token = null;
    }

    @Override
    public String source() {
        return "an IAM database authentication token for " + host + ":" + port;
    }
}
