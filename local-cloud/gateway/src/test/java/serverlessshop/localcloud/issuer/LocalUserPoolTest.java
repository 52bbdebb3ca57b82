package serverlessshop.localcloud.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.aws.AwsJsonApi;
import serverlessshop.localcloud.lambda.LambdaApi;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

/** The local user pool's AdminGetUser as the order-mails function's Cognito client sees it. */
class LocalUserPoolTest {

    private static final LambdaApi.Role MAILER =
            new LambdaApi.Role("order-mails", "AKIALOCALMAILS000001", "order-mails-secret");

    private static AwsJsonApi api;

    @BeforeAll
    static void start() throws Exception {
        api = AwsJsonApi.start(0, key -> key.equals(MAILER.accessKeyId()) ? Optional.of(MAILER) : Optional.empty());
        api.add("AWSCognitoIdentityProviderService.AdminGetUser", LocalUserPool.adminGetUserOperation());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static CognitoIdentityProviderClient client(String secret) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(api.endpoint()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(MAILER.accessKeyId(), secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void everyUserNameIsAConfirmedUserWithAVerifiedAddressOfExampleCom() {
        try (CognitoIdentityProviderClient cognito = client(MAILER.secretAccessKey())) {
            AdminGetUserResponse user = cognito.adminGetUser(
                    request -> request.userPoolId(LocalUserPool.POOL_ID).username("alice"));

            Map<String, String> attributes =
                    user.userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
            assertThat(user.username()).isEqualTo("alice");
            assertThat(attributes)
                    .containsEntry("email", "alice@example.com")
                    .containsEntry("email_verified", "true")
                    .containsEntry("sub", "alice");
            assertThat(user.enabled()).isTrue();
            assertThat(user.userStatusAsString()).isEqualTo("CONFIRMED");
        }
    }

    @Test
    void anotherPoolDoesNotExist() {
        try (CognitoIdentityProviderClient cognito = client(MAILER.secretAccessKey())) {
            assertThatThrownBy(() -> cognito.adminGetUser(
                            request -> request.userPoolId("eu-west-1_other").username("alice")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void refusesARequestSignedWithAnotherSecret() {
        try (CognitoIdentityProviderClient cognito = client("not-the-secret")) {
            assertThatThrownBy(() -> cognito.adminGetUser(
                            request -> request.userPoolId(LocalUserPool.POOL_ID).username("alice")))
                    .isInstanceOfSatisfying(
                            CognitoIdentityProviderException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }
}
