package serverlessshop.products.lambda;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a secret from AWS Secrets Manager, once per start. Everything is explicit so that a cold
 * start probes nothing: the JDK's HTTP client, the region Lambda sets in {@code AWS_REGION}, and
 * the function role's credentials, which Lambda puts in the environment.
 *
 * <p>Not covered by tests: there is no Secrets Manager here; the code around it is tested with a
 * fake {@link SecretSource}.
 */
public final class SecretsManagerSecretSource implements SecretSource {

    @Override
    public String secretString(String secretId) {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set: cannot read the secret " + secretId);
        }
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .region(Region.of(region))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return client.getSecretValue(request -> request.secretId(secretId)).secretString();
        }
    }
}
