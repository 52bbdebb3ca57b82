package serverlessshop.orders.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import serverlessshop.orders.config.AwsClients;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

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
        return AwsClients.build(SesV2Client.builder(), properties.region(), properties.sesEndpoint(), CALL_TIMEOUT);
    }

    @Bean(destroyMethod = "close")
    CognitoIdentityProviderClient cognitoIdentityProviderClient(OrderMailsProperties properties) {
        return AwsClients.build(
                CognitoIdentityProviderClient.builder(),
                properties.region(),
                properties.cognitoEndpoint(),
                CALL_TIMEOUT);
    }
}
