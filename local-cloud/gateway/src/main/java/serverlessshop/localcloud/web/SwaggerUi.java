package serverlessshop.localcloud.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import serverlessshop.localcloud.gateway.HttpReply;

/**
 * Swagger UI at {@code /docs} for every contract in api-spec/ (products.yaml, orders.yaml), served
 * as written: the selector at the top switches between them, and "Try it out" calls the API through
 * this same gateway (the contracts' server is "/"). The UI itself comes from the swagger-ui webjar.
 */
public final class SwaggerUi {

    public static final String PATH = "/docs";
    private static final String ASSETS = PATH + "/swagger-ui/";

    private final Path specDir;
    private final String webjarRoot;

    public SwaggerUi(Path specDir) throws IOException {
        this.specDir = specDir;
        this.webjarRoot = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    public static boolean handles(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    public HttpReply handle(String method, String rawPath) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return HttpReply.of(405, "text/plain; charset=utf-8", "Method Not Allowed".getBytes(StandardCharsets.UTF_8))
                    .withHeader("allow", "GET, HEAD");
        }
        if (rawPath.equals(PATH) || rawPath.equals(PATH + "/")) {
            return HttpReply.of(200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
        }
        String name = rawPath.substring(PATH.length() + 1);
        if (contracts().contains(name)) {
            return HttpReply.of(200, ContentTypes.of(name), Files.readAllBytes(specDir.resolve(name)));
        }
        if (rawPath.startsWith(ASSETS)) {
            String asset = rawPath.substring(ASSETS.length());
            if (asset.matches("[A-Za-z0-9._-]+")) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(webjarRoot + asset)) {
                    if (in != null) {
                        return HttpReply.of(200, ContentTypes.of(asset), in.readAllBytes());
                    }
                }
            }
        }
        return HttpReply.of(404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
    }

    /** The contract files: every *.yaml of api-spec/. */
    List<String> contracts() throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(specDir)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .sorted()
                    .forEach(names::add);
        }
        return names;
    }

    private String page() throws IOException {
        StringBuilder urls = new StringBuilder();
        for (String contract : contracts()) {
            String name = contract.substring(0, contract.length() - ".yaml".length());
            urls.append(urls.isEmpty() ? "" : ", ")
                    .append("{url: \"")
                    .append(PATH)
                    .append('/')
                    .append(contract)
                    .append("\", name: \"")
                    .append(Character.toUpperCase(name.charAt(0)))
                    .append(name.substring(1))
                    .append(" API\"}");
        }
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>serverless-shop API (local)</title>
                  <link rel="stylesheet" href="%1$sswagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$sswagger-ui-bundle.js"></script>
                  <script src="%1$sswagger-ui-standalone-preset.js"></script>
                  <script>
                    SwaggerUIBundle({
                      urls: [%2$s],
                      dom_id: "#swagger-ui",
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: "StandaloneLayout"
                    });
                  </script>
                </body>
                </html>
                """.formatted(ASSETS, urls);
    }

    private static String webjarVersion() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = SwaggerUi.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IOException("the swagger-ui webjar is not on the class path");
            }
            pom.load(in);
        }
        return pom.getProperty("version");
    }
}
