package serverlessshop.orders.notifications;

import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Where a customer's mails go: their e-mail address in the shoppers' user pool (the customer id is
 * their user name there), and only once they have verified it, so that the shop never mails an
 * address somebody typed for somebody else.
 */
@Lazy
@Component
class Recipients {

    private final CognitoIdentityProviderClient cognito;
    private final OrderMailsProperties properties;

    Recipients(CognitoIdentityProviderClient cognito, OrderMailsProperties properties) {
        this.cognito = cognito;
        this.properties = properties;
    }

    Optional<String> verifiedAddress(String customerId) {
        AdminGetUserResponse user;
        try {
            user = cognito.adminGetUser(
                    request -> request.userPoolId(properties.userPoolId()).username(customerId));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
        if (!"true".equalsIgnoreCase(attribute(user, "email_verified"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(attribute(user, "email")).filter(address -> !address.isBlank());
    }

    private static String attribute(AdminGetUserResponse user, String name) {
        return user.userAttributes().stream()
                .filter(attribute -> name.equals(attribute.name()))
                .map(AttributeType::value)
                .findFirst()
                .orElse(null);
    }
}
