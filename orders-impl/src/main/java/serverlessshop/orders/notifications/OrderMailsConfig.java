package serverlessshop.orders.notifications;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/**
 * The SES and Cognito clients, built once, and only in the function that sends the mails: lazy, so
 * that the API function, which starts the same application, does not pay for them at its cold start.
 */
@Lazy
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderMailsProperties.class)
class OrderMailsConfig {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    SesV2Client sesV2Client(OrderMailsProperties properties) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        if (isSet(properties.sesEndpoint())) {
            builder.endpointOverride(URI.create(properties.sesEndpoint()));
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    CognitoIdentityProviderClient cognitoIdentityProviderClient(OrderMailsProperties properties) {
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(CALL_TIMEOUT));
        if (isSet(properties.cognitoEndpoint())) {
            builder.endpointOverride(URI.create(properties.cognitoEndpoint()));
        }
        return builder.build();
    }

    /** The function role's, from the environment Lambda sets; system properties too, for tests. */
    private static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
