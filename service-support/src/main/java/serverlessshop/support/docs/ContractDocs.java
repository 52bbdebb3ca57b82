package serverlessshop.support.docs;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.HtmlUtils;

/**
 * Swagger UI at {@code /docs}, showing the service's contract file itself ({@code /openapi/NAME.yaml},
 * carried on the class path by the generated API jar), never a description generated from code.
 */
@RestController
public class ContractDocs implements WebMvcConfigurer {

    private final String page;

    public ContractDocs(ShopDocsProperties properties) {
        String url = HtmlUtils.htmlEscape("/openapi/" + properties.contract());
        this.page = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>serverless-shop API</title>
                  <link rel="stylesheet" href="/webjars/swagger-ui/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/webjars/swagger-ui/swagger-ui-bundle.js"></script>
                  <script>SwaggerUIBundle({url: "%s", dom_id: "#swagger-ui"});</script>
                </body>
                </html>
                """.formatted(url);
    }

    @GetMapping(path = "/docs", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> swaggerUi() {
        return ResponseEntity.ok(page);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/openapi/**").addResourceLocations("classpath:/openapi/");
    }
}
