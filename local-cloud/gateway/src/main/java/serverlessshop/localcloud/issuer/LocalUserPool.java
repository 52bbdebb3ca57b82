package serverlessshop.localcloud.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import serverlessshop.localcloud.aws.AwsJsonApi;

/**
 * The shoppers' user pool as Cognito's {@code AdminGetUser} shows it: the local issuer signs in any
 * user name, whose {@code sub} (the customer id) is that name, so every name is a user, confirmed,
 * with the verified address {@code <name>@example.com} (a domain that never delivers mail).
 */
public final class LocalUserPool {

    public static final String POOL_ID = "eu-west-1_localshop";
    public static final String MAIL_DOMAIN = "example.com";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private LocalUserPool() {}

    /** {@code AWSCognitoIdentityProviderService.AdminGetUser} for the local AWS JSON API. */
    public static AwsJsonApi.Operation adminGetUserOperation() {
        return new AwsJsonApi.Operation("cognito-idp", (request, caller) -> adminGetUser(request));
    }

    static JsonNode adminGetUser(JsonNode request) throws AwsJsonApi.AwsError {
        String pool = request.path("UserPoolId").asText("");
        String name = request.path("Username").asText("");
        if (!pool.equals(POOL_ID)) {
            throw new AwsJsonApi.AwsError(400, "ResourceNotFoundException", "User pool " + pool + " does not exist.");
        }
        if (name.isBlank()) {
            throw new AwsJsonApi.AwsError(
                    400,
                    "InvalidParameterException",
                    "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must"
                            + " have length greater than or equal to 1");
        }
        ObjectNode user = JSON.createObjectNode();
        user.put("Username", name);
        ArrayNode attributes = user.putArray("UserAttributes");
        attributes.addObject().put("Name", "sub").put("Value", name);
        attributes.addObject().put("Name", "email").put("Value", name + "@" + MAIL_DOMAIN);
        attributes.addObject().put("Name", "email_verified").put("Value", "true");
        user.put("UserCreateDate", CREATED.getEpochSecond());
        user.put("UserLastModifiedDate", CREATED.getEpochSecond());
        user.put("Enabled", true);
        user.put("UserStatus", "CONFIRMED");
        return user;
    }
}
