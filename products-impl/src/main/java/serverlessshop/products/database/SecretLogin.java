package serverlessshop.products.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import serverlessshop.products.lambda.DatabaseCredentials;
import serverlessshop.support.secrets.SecretSource;

/**
 * The user and password of a Secrets Manager secret (JSON with {@code username} and
 * {@code password}), read at the first connection and kept; read again when the database refuses
 * them, which is what a rotation looks like from a warm function: the secret and the database
 * already have the new password, the function still the old one.
 *
 * <p>Not more often than every {@code minimumInterval}: with a secret that is simply wrong, the
 * pool retries connecting several times a second, and each retry would be a paid Secrets Manager
 * call that cannot help.
 */
public final class SecretLogin implements DatabaseLogin {

    private final String secretArn;
    private final SecretSource secrets;
    private final Clock clock;
    private final Duration minimumInterval;

    private DatabaseCredentials credentials;
    private Instant readAt;

    public SecretLogin(String secretArn, SecretSource secrets, Clock clock, Duration minimumInterval) {
        this.secretArn = secretArn;
        this.secrets = secrets;
        this.clock = clock;
        this.minimumInterval = minimumInterval;
    }

    @Override
    public synchronized DatabaseCredentials current() {
        if (credentials == null) {
            credentials = DatabaseCredentials.parse(secretArn, secrets.secretString(secretArn));
            readAt = clock.instant();
        }
        return credentials;
    }

    @Override
    public synchronized void forget() {
        if (readAt == null || !clock.instant().isBefore(readAt.plus(minimumInterval))) {
            credentials = null;
        }
    }

    @Override
    public String source() {
        return "the secret " + secretArn;
    }
}
