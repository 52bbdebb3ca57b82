package serverlessshop.localcloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;

class SwaggerUiTest {

    private final Path contracts = Repository.root().resolve("api-spec");

    @Test
    void listsBothContractsAndServesThemAsWritten() throws Exception {
        SwaggerUi docs = new SwaggerUi(contracts);
        String page = new String(docs.handle("GET", "/docs").body(), StandardCharsets.UTF_8);
        assertThat(page)
                .contains("{url: \"/docs/orders.yaml\", name: \"Orders API\"}")
                .contains("{url: \"/docs/products.yaml\", name: \"Products API\"}");
        assertThat(docs.handle("GET", "/docs/products.yaml").body())
                .isEqualTo(Files.readAllBytes(contracts.resolve("products.yaml")));
    }

    @Test
    void servesSwaggerUiFromTheWebjarAndNothingElse() throws Exception {
        SwaggerUi docs = new SwaggerUi(contracts);
        assertThat(docs.handle("GET", "/docs/swagger-ui/swagger-ui-bundle.js").status())
                .isEqualTo(200);
        assertThat(docs.handle("GET", "/docs/swagger-ui/swagger-ui.css").header("content-type"))
                .startsWith("text/css");
        assertThat(docs.handle("GET", "/docs/spectral.mjs").status()).isEqualTo(404);
        assertThat(docs.handle("GET", "/docs/swagger-ui/../../pom.xml").status())
                .isEqualTo(404);
        assertThat(docs.handle("DELETE", "/docs").status()).isEqualTo(405);
    }
}
