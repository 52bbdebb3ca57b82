package serverlessshop.support.secrets;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads a secret from AWS Secrets Manager with a client built for the read and closed after it: the
 * services read a secret once per start (and the orders service again after a rotation), so keeping a
 * client would only keep memory. Everything is explicit so that a cold start probes nothing: the
 * JDK's HTTP client, the region Lambda sets in {@code AWS_REGION}, and the function role's
 * credentials, which Lambda puts in the environment. Only the first two links of the SDK's default
 * chains are used, system property before environment variable ({@code aws.region},
 * {@code aws.accessKeyId}...), neither of which reads a file or the network. The SDK's own endpoint
 * settings apply ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}); the tests point it at a local stand-in.
 *
 * <p>Errors name the secret, never its value: the SDK's messages hold the request id and the
 * error code, not the response body.
 */
public final class SecretsManagerSecretSource implements SecretSource {

    @Override
    public String secretString(String secretId) {
        try (SecretsManagerClient client = client(secretId)) {
            return client.getSecretValue(request -> request.secretId(secretId)).secretString();
        }
    }

    /**
     * The values of the secret's versions that carry these staging labels ({@code AWSCURRENT},
     * {@code AWSPREVIOUS}...), in the order asked, read with one client; a label that no version carries
     * (a secret never rotated has no {@code AWSPREVIOUS}) is left out.
     */
    public List<String> secretStrings(String secretId, String... versionStages) {
        List<String> values = new ArrayList<>();
        try (SecretsManagerClient client = client(secretId)) {
            for (String stage : versionStages) {
                try {
                    values.add(client.getSecretValue(
                                    request -> request.secretId(secretId).versionStage(stage))
                            .secretString());
                } catch (ResourceNotFoundException e) {
                    // No version carries this label.
                }
            }
        }
        return values;
    }

    private static SecretsManagerClient client(String secretId) {
        Region region;
        try {
            region = new SystemSettingsRegionProvider().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("AWS_REGION is not set: cannot read the secret " + secretId);
        }
        return SecretsManagerClient.builder()
                .region(region)
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        SystemPropertyCredentialsProvider.create(), EnvironmentVariableCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
