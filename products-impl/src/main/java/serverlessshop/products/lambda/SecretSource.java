package serverlessshop.products.lambda;

/**
 * Where secrets come from: Secrets Manager in AWS ({@link SecretsManagerSecretSource}), a fake in
 * tests. This seam is all that separates the credential logic from the AWS call.
 */
@FunctionalInterface
public interface SecretSource {

    /** The secret's current value (its {@code SecretString}). */
    String secretString(String secretId);
}
