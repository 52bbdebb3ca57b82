package serverlessshop.orders.config;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How the orders functions build an AWS client: nothing discovered at cold start (the region and the
 * credentials named, the JDK's HTTP client), a deadline per call, and the local cloud's endpoint when
 * one is given.
 */
public final class AwsClients {

    private AwsClients() {}

    /** The function role's credentials, from the environment Lambda sets; system properties too, for tests. */
    public static AwsCredentialsProvider functionCredentials() {
        return AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
    }

    /**
     * @param endpoint the service's endpoint when it is not AWS's (the local cloud), or null or blank
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String region, String endpoint, Duration callTimeout) {
        builder.region(Region.of(region))
                .credentialsProvider(functionCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(callTimeout));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
