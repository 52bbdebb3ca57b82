package serverlessshop.localcloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What `make run` prints once everything is up: where things are and how to sign in. */
final class StartupSummary {

    private StartupSummary() {}

    record Facts(
            String gatewayUrl,
            String issuerUrl,
            String adminIssuerUrl,
            int routes,
            List<String> functions,
            String dynamoDbEndpoint,
            LocalCloudOptions options,
            String productsDatabase,
            boolean siteBuilt,
            Path repo,
            String apiEndpointUrl,
            String s3Endpoint,
            String imagesBucket,
            String imagesFunction,
            String mailInbox,
            int mailPort,
            boolean eventFunctions) {}

    static List<String> lines(Facts facts) {
        LocalCloudOptions options = facts.options();
        String port =
                options.port() == 8080 ? "" : "SHOP_PORT=" + facts.gatewayUrl().replaceAll(".*:", "") + " ";
        String data = options.inMemory()
                ? "in memory: nothing is kept (--in-memory) but the event logs above"
                : "in " + shown(facts.repo(), options.dataDir()) + "/ (delete it to start afresh)";
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("  serverless-shop is running on this machine");
        lines.add("");
        lines.add("  Shop           " + facts.gatewayUrl() + "/"
                + (facts.siteBuilt() ? "" : "   (site not built yet: a start page)"));
        lines.add("  Swagger UI     " + facts.gatewayUrl() + "/docs");
        lines.add("  API            " + facts.gatewayUrl()
                + "/products, /categories, /orders, /customers/{id}/orders   ("
                + facts.routes() + " routes from routes.json; functions: " + String.join(", ", facts.functions())
                + ")");
        lines.add("  Admin API      " + facts.gatewayUrl() + "/admin/products, /admin/orders, ...   (the same routes;"
                + " administrators' tokens only)");
        lines.add("  API endpoint   " + facts.apiEndpointUrl()
                + "   (the API's own, as execute-api: refused without the shop's origin header)");
        lines.add("  Sign in        \"Sign in\" " + (facts.siteBuilt() ? "at the top of the shop" : "on the start page")
                + ": any user name, no password");
        lines.add("  Admin sign-in  \"Administrator sign-in\" "
                + (facts.siteBuilt() ? "in the shop" : "on the start page")
                + ": any user name; no TOTP code here (AWS asks for one)");
        lines.add("  Access tokens  " + port + "make token USER=alice      " + port + "make token USER=admin ADMIN=1");
        lines.add("  Issuers        " + facts.issuerUrl() + "   (clients serverless-shop-web, serverless-shop-orders)");
        lines.add("                 " + facts.adminIssuerUrl() + "   (administrators; client serverless-shop-admin)");
        lines.add("  DynamoDB Local " + facts.dynamoDbEndpoint()
                + (options.inMemory()
                        ? "   (in memory)"
                        : "   (" + shown(facts.repo(), options.dataDir().resolve("dynamodb")) + ")"));
        lines.add("  Images bucket  " + facts.s3Endpoint() + "/" + facts.imagesBucket() + "   (S3 API, path-style; "
                + (options.inMemory()
                        ? "in memory"
                        : shown(facts.repo(), options.dataDir().resolve("s3")))
                + "; served at " + facts.gatewayUrl() + "/images/...)");
        lines.add("  Image function "
                + (facts.imagesFunction() == null
                        ? "not built: uploads are not processed (make build)"
                        : facts.imagesFunction() + ", invoked for each upload (objects under uploads/)"));
        lines.add("  Mail inbox     "
                + (facts.mailInbox() == null
                        ? "none: aws-ses-v2-local is not installed (npm ci); no mail is sent"
                        : facts.mailInbox() + "   (aws-ses-v2-local: every mail the shop sent"
                                + (facts.mailPort() == 0 || facts.mailInbox().endsWith(":" + facts.mailPort() + "/")
                                        ? ""
                                        : "; port " + facts.mailPort() + " was taken")
                                + ")"));
        lines.add("  Order events   DynamoDB stream -> " + FunctionWiring.ORDER_EVENTS_FUNCTION
                + " -> local EventBridge -> " + FunctionWiring.ORDER_MAILS_FUNCTION
                + (facts.eventFunctions() ? "" : "   (not built: make build)"));
        lines.add("                 " + shown(facts.repo(), options.dataDir().resolve("events"))
                + "/archive.jsonl: every event the bus took; dead-letters/: what no function took");
        lines.add("  Products DB    " + describe(facts.productsDatabase(), facts.repo()));
        lines.add("  Data           " + data);
        lines.add("");
        return lines;
    }

    private static String describe(String jdbcUrl, Path repo) {
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            Path file = Path.of(jdbcUrl.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
            return "H2 in MySQL mode, " + shown(repo, file)
                    + (file.startsWith(FunctionWiring.inMemoryData()) ? "   (--in-memory: deleted at exit)" : "");
        }
        return jdbcUrl.replaceAll("password=[^&;]*", "password=***") + "   (PRODUCTS_DB_URL)";
    }

    private static String shown(Path repo, Path path) {
        return path.startsWith(repo) ? repo.relativize(path).toString() : path.toString();
    }
}
