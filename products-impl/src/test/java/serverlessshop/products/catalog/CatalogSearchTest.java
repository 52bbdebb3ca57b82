package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;

/**
 * What a shopper's {@code q} finds, through the whole service on this run's database (H2 as
 * {@code make run} uses it, and MariaDB): products with a word beginning with each word of the
 * search, in the name, the SKU or the description, whatever the case and accents.
 */
@WholeProductsService
class CatalogSearchTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final String ADMIN = "Bearer " + TestIssuer.admin("admin-1");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    /** A word no other test's product has: every search below includes it. */
    String marker;

    @BeforeEach
    void newMarker() {
        marker = "srch" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void findsAWordOfTheNameSkuOrDescription() throws Exception {
        create("LMP-" + marker, "Desk lamp", "Brass, with a linen shade.");
        create("MUG-" + marker, "Coffee mug", "Stoneware.");
        create("PEN-" + marker, "Fountain pen", "Writes in blue ink.");

        assertThat(search("lamp")).containsExactly("Desk lamp");
        assertThat(search("LMP")).containsExactly("Desk lamp");
        assertThat(search("linen")).containsExactly("Desk lamp");
        assertThat(search("ink")).containsExactly("Fountain pen");
        assertThat(search("")).containsExactly("Coffee mug", "Desk lamp", "Fountain pen");
    }

    @Test
    void eachWordMatchesTheBeginningOfAWord() throws Exception {
        create("A-" + marker, "Desk lamp", null);
        create("B-" + marker, "Lampshade", null);
        create("C-" + marker, "Clamp", null);

        assertThat(search("lam")).containsExactly("Desk lamp", "Lampshade");
        assertThat(search("lamp")).containsExactly("Desk lamp", "Lampshade");
        assertThat(search("amp")).as("the middle of a word").isEmpty();
        assertThat(search("lampz")).as("longer than every word it begins").isEmpty();
    }

    @Test
    void everyWordMustMatchInAnyOrderAndAnyField() throws Exception {
        create("A-" + marker, "Red desk lamp", null);
        create("B-" + marker, "Blue desk lamp", "Not red at all");
        create("C-" + marker, "Red mug", null);

        assertThat(search("red lamp")).containsExactly("Blue desk lamp", "Red desk lamp");
        assertThat(search("lamp red")).containsExactly("Blue desk lamp", "Red desk lamp");
        assertThat(search("red lamp blue")).containsExactly("Blue desk lamp");
        assertThat(search("red, mug!")).containsExactly("Red mug");
        assertThat(search("red lamp green")).isEmpty();
    }

    @Test
    void caseAndAccentsDoNotMatterAsInMySqlsCollation() throws Exception {
        create("A-" + marker, "Café crème", "Größe: Übergröße");
        create("B-" + marker, "CAFE NOIR", null);

        // In any order: H2 and MySQL sort "É" and "E" differently.
        assertThat(search("cafe")).containsExactlyInAnyOrder("Café crème", "CAFE NOIR");
        assertThat(search("CAFÉ")).containsExactlyInAnyOrder("Café crème", "CAFE NOIR");
        assertThat(search("creme")).containsExactly("Café crème");
        assertThat(search("UBERGR")).containsExactly("Café crème");
    }

    @Test
    void aSkuIsFoundByItsPartsAsTyped() throws Exception {
        create("ZX-" + marker + "-9000", "Router", null);
        create("ZX-" + marker + "-100", "Switch", null);

        assertThat(search("zx-" + marker.substring(0, 8))).containsExactly("Router", "Switch");
        assertThat(search("ZX-" + marker + "-90")).containsExactly("Router");
    }

    @Test
    void wordsBeyondTheEighthAreIgnoredNotRefused() throws Exception {
        create("A-" + marker, "One two three four five six seven", null);

        assertThat(names(marker + " one two three four five six seven nomatch"))
                .as("the ninth word, which matches nothing, is ignored")
                .containsExactly("One two three four five six seven");
        assertThat(names(marker + " one two three four five six nomatch seven"))
                .as("the eighth word, which matches nothing, counts")
                .isEmpty();
    }

    @Test
    void everyWordOfTheLongestDescriptionIsFound() throws Exception {
        StringBuilder description = new StringBuilder();
        for (int n = 0; description.length() < 4_990; n++) {
            description.append("w").append(n).append(' ');
        }
        String lastWord = description.toString().strip().replaceAll(".* ", "");
        create("A-" + marker, "Catalogue", description.toString().strip());

        assertThat(search("w0")).containsExactly("Catalogue");
        assertThat(search(lastWord)).containsExactly("Catalogue");
        assertThat(search(lastWord + "0")).isEmpty();
    }

    @Test
    void anUpdateChangesWhatMatches() throws Exception {
        String id = create("A-" + marker, "Desk lamp", "Brass");

        mvc.perform(put("/products/" + id)
                        .header("Authorization", ADMIN)
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(productJson("A-" + marker, "Floor light", "Steel")))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk());

        assertThat(search("lamp")).isEmpty();
        assertThat(search("brass")).isEmpty();
        assertThat(search("floor light")).containsExactly("Floor light");
        assertThat(search("steel")).containsExactly("Floor light");
    }

    @Test
    void aDeletedProductIsNotFound() throws Exception {
        String id = create("A-" + marker, "Desk lamp", null);
        create("B-" + marker, "Desk lamp two", null);

        mvc.perform(delete("/products/" + id).header("Authorization", ADMIN)).andExpect(status().isNoContent());

        assertThat(search("lamp")).containsExactly("Desk lamp two");
    }

    @Test
    void pagesOfASearchFollowTheCursorInNameOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String name : List.of("Echo lamp", "alpha lamp", "Delta lamp", "Bravo lamp", "Charlie lamp")) {
            create(UUID.randomUUID().toString().substring(0, 8) + "-" + marker, name, null);
            expected.add(name);
        }
        create("X-" + marker, "Zulu mug", null);

        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            var request = get("/products").param("q", marker + " lamp").param("limit", "2");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page = json.readTree(mvc.perform(request)
                    .andExpect(CONTRACT.conforms())
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            page.get("items").forEach(item -> names.add(item.get("name").asText()));
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
        } while (cursor != null && names.size() < 20);

        assertThat(names).containsExactly("alpha lamp", "Bravo lamp", "Charlie lamp", "Delta lamp", "Echo lamp");
    }

    /** Names of the products this test made that a search for the marker and {@code words} finds, in order. */
    private List<String> search(String words) throws Exception {
        return names(marker + " " + words);
    }

    private List<String> names(String q) throws Exception {
        JsonNode page = json.readTree(mvc.perform(get("/products").param("q", q).param("limit", "100"))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private String create(String sku, String name, String description) throws Exception {
        return json.readTree(mvc.perform(post("/products")
                                .header("Authorization", ADMIN)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(productJson(sku, name, description)))
                        .andExpect(CONTRACT.conforms())
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("product_id")
                .asText();
    }

    private String productJson(String sku, String name, String description) throws Exception {
        var product = json.createObjectNode()
                .put("sku", sku)
                .put("name", name)
                .put("price", 1)
                .put("stock_quantity", 1)
                .put("is_active", true);
        if (description != null) {
            product.put("description", description);
        }
        return json.writeValueAsString(product);
    }
}
