package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.products.db.Tables.CATEGORIES;
import static serverlessshop.products.db.Tables.PRODUCT_CATEGORIES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;

/**
 * The catalogue's orders and filters through the whole service on this run's database (H2 as
 * {@code make run} uses it, and MariaDB): every order walks every product once across pages, filters
 * combine, and what cannot be a listing is a 400 naming the parameter.
 */
@WholeProductsService
class CatalogListingTest {

    private static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final String ADMIN = "Bearer " + TestIssuer.admin("admin-1");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    DSLContext db;

    /** A word no other test's product has: every listing below searches for it. */
    String marker;

    @BeforeEach
    void newMarker() {
        marker = "lst" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void everyOrderListsEveryProductOnceAcrossPages() throws Exception {
        List<JsonNode> products = new ArrayList<>();
        String[] prices = {"5.00", "3.00", "5.00", "9.99", "3.00", "7.50", "5.00"};
        for (int n = 0; n < prices.length; n++) {
            products.add(create("Item " + (char) ('G' - n), prices[n]));
        }
        Comparator<JsonNode> byId =
                Comparator.comparing(product -> product.get("product_id").asText());
        Comparator<JsonNode> byPrice =
                Comparator.comparing(product -> product.get("price").decimalValue());
        Comparator<JsonNode> byCreation =
                Comparator.comparing(product -> product.get("created_at").asText());

        Map<String, Comparator<JsonNode>> orders = Map.of(
                "name",
                        Comparator.comparing(
                                (JsonNode product) -> product.get("name").asText()),
                "price", byPrice.thenComparing(byId),
                "-price", byPrice.reversed().thenComparing(byId.reversed()),
                "newest", byCreation.reversed().thenComparing(byId.reversed()));
        for (var order : orders.entrySet()) {
            List<String> expected = products.stream()
                    .sorted(order.getValue())
                    .map(product -> product.get("product_id").asText())
                    .toList();
            assertThat(walk(Map.of("sort", order.getKey())))
                    .as("pages of 2 by %s", order.getKey())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void byNameUnlessToldOtherwise() throws Exception {
        create("Item B", "1.00");
        create("Item A", "2.00");
        create("Item C", "0.50");

        assertThat(names(Map.of())).containsExactly("Item A", "Item B", "Item C");
        assertThat(names(Map.of("sort", "price"))).containsExactly("Item C", "Item B", "Item A");
    }

    @Test
    void thePriceRangeIncludesBothEnds() throws Exception {
        create("Item A", "9.99");
        create("Item B", "10.00");
        create("Item C", "10.50");
        create("Item D", "20");
        create("Item E", "20.01");

        assertThat(names(Map.of("min_price", "10", "max_price", "20.00")))
                .containsExactly("Item B", "Item C", "Item D");
        assertThat(names(Map.of("min_price", "10.5"))).containsExactly("Item C", "Item D", "Item E");
        assertThat(names(Map.of("max_price", "10"))).containsExactly("Item A", "Item B");
        assertThat(names(Map.of("min_price", "20", "max_price", "20"))).containsExactly("Item D");
    }

    @Test
    void filtersCombineWithEachOtherAndTheSearch() throws Exception {
        String lamp = create("Item Lamp", "12.00").get("product_id").asText();
        String cheapLamp = create("Item Cheap lamp", "3.00").get("product_id").asText();
        String mug = create("Item Mug", "12.00").get("product_id").asText();
        create("Item Lamp elsewhere", "12.00");
        String slug = category(lamp, cheapLamp, mug);

        assertThat(names(Map.of("category", slug))).containsExactly("Item Cheap lamp", "Item Lamp", "Item Mug");
        assertThat(names(Map.of("category", slug, "min_price", "10"))).containsExactly("Item Lamp", "Item Mug");
        assertThat(names(Map.of("category", slug, "min_price", "10", "sort", "-price", "extra", "lamp")))
                .containsExactly("Item Lamp");
        assertThat(names(Map.of("extra", "lamp", "max_price", "12")))
                .containsExactly("Item Cheap lamp", "Item Lamp", "Item Lamp elsewhere");
        assertThat(names(Map.of("category", slug, "extra", "lamp", "max_price", "5")))
                .containsExactly("Item Cheap lamp");
    }

    @Test
    void aCategoryOfManyProductsPagesLikeTheWholeCatalogue() throws Exception {
        // More products than CategoryFilter.SMALL would take a thousand creations: this category is
        // read whole; KeysetPagesTest reads a large one. Both must list the same products in order.
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            ids.add(create("Item " + n, (n + 1) + ".00").get("product_id").asText());
        }
        String slug = category(ids.toArray(String[]::new));

        assertThat(walk(Map.of("category", slug, "sort", "-price"))).containsExactlyElementsOf(ids.reversed());
    }

    @Test
    void anUnknownCategoryIsAnEmptyPage() throws Exception {
        create("Item A", "1.00");

        assertThat(names(Map.of("category", "no-such-category-" + marker))).isEmpty();
    }

    @Test
    void aCursorOfAnotherOrderIsRefusedNamingTheCursor() throws Exception {
        create("Item A", "1.00");
        create("Item B", "2.00");
        String byPrice =
                page(Map.of("sort", "price", "limit", "1")).get("next_cursor").asText();

        assertBadRequest(Map.of("sort", "name", "cursor", byPrice), "cursor");
        assertBadRequest(Map.of("cursor", byPrice), "cursor");
        assertBadRequest(Map.of("sort", "-price", "cursor", byPrice), "cursor");
        assertThat(page(Map.of("sort", "price", "cursor", byPrice)).get("items"))
                .as("the cursor with its own order")
                .hasSize(1);
    }

    @Test
    void anUnknownOrderIsRefusedNamingSort() throws Exception {
        assertBadRequest(Map.of("sort", "cheapest"), "sort");
        assertBadRequest(Map.of("sort", "Price"), "sort");
    }

    @Test
    void aPriceThatIsNotAnAmountIsRefusedNamingIt() throws Exception {
        assertBadRequest(Map.of("min_price", "ten"), "min_price");
        assertBadRequest(Map.of("min_price", "-1"), "min_price");
        assertBadRequest(Map.of("max_price", "1.234"), "max_price");
        assertBadRequest(Map.of("max_price", "1e3"), "max_price");
        assertBadRequest(Map.of("max_price", "123456789"), "max_price");
    }

    @Test
    void aMaximumBelowTheMinimumIsRefusedNamingMaxPrice() throws Exception {
        assertBadRequest(Map.of("min_price", "10.00", "max_price", "9.99"), "max_price");
    }

    /** Ids of this test's products across pages of 2, following the cursor. */
    private List<String> walk(Map<String, String> parameters) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(parameters);
            query.put("limit", "2");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = page(query);
            page.get("items").forEach(item -> ids.add(item.get("product_id").asText()));
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
        } while (cursor != null && ids.size() < 50);
        return ids;
    }

    private List<String> names(Map<String, String> parameters) throws Exception {
        List<String> names = new ArrayList<>();
        page(parameters).get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    /**
     * One page of this test's products: the search for the marker, with more words from
     * {@code extra}.
     */
    private JsonNode page(Map<String, String> parameters) throws Exception {
        return json.readTree(mvc.perform(listing(parameters))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private void assertBadRequest(Map<String, String> parameters, String field) throws Exception {
        mvc.perform(listing(parameters))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].in").value("query"));
    }

    private MockHttpServletRequestBuilder listing(Map<String, String> parameters) {
        var request = get("/products").param("q", (marker + " " + parameters.getOrDefault("extra", "")).strip());
        parameters.forEach((name, value) -> {
            if (!name.equals("extra")) {
                request.param(name, value);
            }
        });
        return request;
    }

    /** The product as created, named and priced so, with the marker in its description. */
    private JsonNode create(String name, String price) throws Exception {
        var product = json.createObjectNode()
                .put("sku", UUID.randomUUID().toString().substring(0, 8) + "-" + marker)
                .put("name", name)
                .put("description", "One of " + marker)
                .put("price", new BigDecimal(price))
                .put("stock_quantity", 1)
                .put("is_active", true);
        return json.readTree(mvc.perform(post("/products")
                        .header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(product)))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    /** A new category of these products; its slug. */
    private String category(String... productIds) {
        String id = UUID.randomUUID().toString();
        String slug = "c-" + marker;
        LocalDateTime now = LocalDateTime.now().withNano(0);
        db.insertInto(CATEGORIES)
                .set(CATEGORIES.CATEGORY_ID, id)
                .set(CATEGORIES.SLUG, slug)
                .set(CATEGORIES.NAME, "Category " + marker)
                .set(CATEGORIES.CREATED_AT, now)
                .set(CATEGORIES.UPDATED_AT, now)
                .execute();
        for (String productId : productIds) {
            db.insertInto(PRODUCT_CATEGORIES)
                    .set(PRODUCT_CATEGORIES.CATEGORY_ID, id)
                    .set(PRODUCT_CATEGORIES.PRODUCT_ID, productId)
                    .execute();
        }
        return slug;
    }
}
