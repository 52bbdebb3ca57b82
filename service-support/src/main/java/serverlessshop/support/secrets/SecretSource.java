package serverlessshop.support.secrets;

/**
 * Where secrets come from: Secrets Manager in AWS ({@link SecretsManagerSecretSource}), a fake in
 * unit tests. This seam is all that separates the logic that uses a secret from the AWS call.
 */
@FunctionalInterface
public interface SecretSource {

    /** The secret's current value (its {@code SecretString}). */
    String secretString(String secretId);
}
