package serverlessshop.localcloud.issuer;

import java.io.IOException;
import java.net.URI;

/**
 * {@code make token USER=alice [ADMIN=1]}: signs in at the running local cloud's shoppers' issuer, or
 * with {@code ADMIN=1} at the administrators' issuer (whose tokens the API takes under {@code /admin}),
 * as the site does, and prints the access token and nothing else, so that
 * {@code TOKEN=$(make token USER=alice)} works.
 *
 * <p>Arguments: {@code --user NAME [--admin] [--url http://localhost:8080]}.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) throws InterruptedException {
        String user = null;
        boolean admin = false;
        String url = "http://localhost:" + System.getenv().getOrDefault("SHOP_PORT", "8080");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = i + 1 < args.length ? args[++i] : null;
                case "--admin" -> admin = true;
                case "--url" -> url = i + 1 < args.length ? args[++i] : url;
                default -> fail("unknown argument " + args[i] + "; usage: --user NAME [--admin] [--url URL]");
            }
        }
        if (user == null || user.isBlank() || !user.matches("[A-Za-z0-9][A-Za-z0-9_@.:+-]*")) {
            fail("give a user name (letters, digits, _@.:+-), e.g. make token USER=alice");
        }
        try {
            URI gateway = URI.create(url);
            IssuerClient issuer = admin ? IssuerClient.administrators(gateway) : IssuerClient.shoppers(gateway);
            System.out.println(issuer.signIn(user));
        } catch (IOException e) {
            fail(e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("make token: " + message);
        System.exit(1);
    }
}
