package serverlessshop.orders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import serverlessshop.support.testing.http.StandInServer;

/**
 * Cognito's AdminGetUser (JSON 1.1) for one user pool, for the mailer's tests: the users it knows,
 * with their e-mail address and whether it is verified; any other user does not exist.
 */
public final class CognitoStandIn implements AutoCloseable {

    public static final String USER_POOL_ID = "us-east-1_ShopTest1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "application/x-amz-json-1.1";

    private record User(String email, boolean verified) {}

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final StandInServer server;

    public CognitoStandIn() {
        server = StandInServer.start(this::answer);
    }

    public String url() {
        return server.url();
    }

    public void addUser(String userName, String email, boolean verified) {
        users.put(userName, new User(email, verified));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"AWSCognitoIdentityProviderService.AdminGetUser".equals(target)) {
            StandInServer.reply(exchange, 400, TYPE, "{\"__type\":\"UnknownOperationException\"}");
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        User user = USER_POOL_ID.equals(request.path("UserPoolId").asText())
                ? users.get(request.path("Username").asText())
                : null;
        if (user == null) {
            StandInServer.reply(
                    exchange, 400, TYPE, "{\"__type\":\"UserNotFoundException\",\"message\":\"User does not exist.\"}");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("Username", request.path("Username").asText());
        response.put("Enabled", true);
        response.put("UserStatus", "CONFIRMED");
        ArrayNode attributes = response.putArray("UserAttributes");
        attributes
                .addObject()
                .put("Name", "sub")
                .put("Value", request.path("Username").asText());
        attributes.addObject().put("Name", "email").put("Value", user.email());
        attributes.addObject().put("Name", "email_verified").put("Value", Boolean.toString(user.verified()));
        StandInServer.reply(exchange, 200, TYPE, JSON.writeValueAsString(response));
    }

    @Override
    public void close() {
        server.close();
    }
}
