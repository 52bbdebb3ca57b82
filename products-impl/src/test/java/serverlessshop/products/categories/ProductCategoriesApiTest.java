package serverlessshop.products.categories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.products.db.Tables.PRODUCTS;
import static serverlessshop.products.db.Tables.PRODUCT_CATEGORIES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;

/** A product's {@code category_ids}: written with the product, returned on every answer that has products. */
@WholeProductsService
class ProductCategoriesApiTest {

    static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    static final String ADMIN = "Bearer " + TestIssuer.admin("admin-1");

    @Autowired
    MockMvc mvc;

    @Autowired
    DSLContext db;

    @Autowired
    ObjectMapper json;

    @Test
    void theCategoriesOfACreatedProductComeBackOnCreateGetAndList() throws Exception {
        String lighting = category("Lighting");
        String desks = category("Desks");
        String marker = marker();
        send(
                        post("/products").header("Authorization", ADMIN),
                        productJson(marker, "[\"" + lighting + "\",\"" + desks + "\"]"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.category_ids", containsInAnyOrder(lighting, desks)));
        String id = onlyProduct(marker).get("product_id").asText();

        mvc.perform(get("/products/" + id))
                .andExpect(CONTRACT.conforms())
                .andExpect(jsonPath("$.category_ids", containsInAnyOrder(lighting, desks)));
        mvc.perform(get("/products").param("q", marker))
                .andExpect(CONTRACT.conforms())
                .andExpect(jsonPath("$.items[0].category_ids", containsInAnyOrder(lighting, desks)));
    }

    @Test
    void aProductInNoCategoryHasAnEmptyList() throws Exception {
        String marker = marker();
        send(post("/products").header("Authorization", ADMIN), productJson(marker, null))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.category_ids", empty()));
        mvc.perform(get("/products").param("q", marker)).andExpect(jsonPath("$.items[0].category_ids", empty()));
    }

    @Test
    void eachProductOfAPageHasItsOwnCategories() throws Exception {
        String a = category("A");
        String b = category("B");
        String marker = marker();
        List<String> ids = new ArrayList<>();
        for (String categories : List.of("[\"" + a + "\"]", "[\"" + a + "\",\"" + b + "\"]", "[]", "[\"" + b + "\"]")) {
            ids.add(body(send(post("/products").header("Authorization", ADMIN), productJson(marker, categories))
                            .andExpect(status().isCreated()))
                    .get("product_id")
                    .asText());
        }
        JsonNode page = body(mvc.perform(get("/products").param("q", marker)).andExpect(CONTRACT.conforms()));
        var byProduct = new java.util.HashMap<String, List<String>>();
        page.get("items").forEach(item -> {
            List<String> categories = new ArrayList<>();
            item.get("category_ids").forEach(c -> categories.add(c.asText()));
            byProduct.put(item.get("product_id").asText(), categories);
        });
        assertThat(byProduct.get(ids.get(0))).containsExactly(a);
        assertThat(byProduct.get(ids.get(1))).containsExactlyInAnyOrder(a, b);
        assertThat(byProduct.get(ids.get(2))).isEmpty();
        assertThat(byProduct.get(ids.get(3))).containsExactly(b);
    }

    @Test
    void anUpdateWithoutCategoryIdsLeavesThemAnEmptyListClearsThemAndAListReplacesThem() throws Exception {
        String lighting = category("Lighting");
        String desks = category("Desks");
        String marker = marker();
        String id = body(send(
                                post("/products").header("Authorization", ADMIN),
                                productJson(marker, "[\"" + lighting + "\"]"))
                        .andExpect(status().isCreated()))
                .get("product_id")
                .asText();

        update(id, 1, productJson(marker, null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category_ids", containsInAnyOrder(lighting)));
        update(id, 2, productJson(marker, "[\"" + desks + "\",\"" + lighting + "\"]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category_ids", containsInAnyOrder(lighting, desks)));
        update(id, 3, productJson(marker, "[\"" + desks + "\"]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category_ids", containsInAnyOrder(desks)));
        assertThat(categoriesInDatabase(id)).containsExactly(desks);
        update(id, 4, productJson(marker, "[]"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"5\""))
                .andExpect(jsonPath("$.category_ids", empty()));
        assertThat(categoriesInDatabase(id)).isEmpty();
    }

    @Test
    void anUnknownCategoryOnCreateIs422NamingItAndCreatesNothing() throws Exception {
        String known = category("Known");
        String unknown = UUID.randomUUID().toString();
        String marker = marker();
        int products = db.fetchCount(PRODUCTS);
        int links = db.fetchCount(PRODUCT_CATEGORIES);
        sendRefused(
                        post("/products").header("Authorization", ADMIN),
                        productJson(marker, "[\"" + known + "\",\"" + unknown + "\"]"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("UNKNOWN_CATEGORY"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(unknown)))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("category_ids[1]"))
                .andExpect(jsonPath("$.errors[0].in").value("body"));
        assertThat(db.fetchCount(PRODUCTS)).isEqualTo(products);
        assertThat(db.fetchCount(PRODUCT_CATEGORIES)).isEqualTo(links);
        mvc.perform(get("/products").param("q", marker)).andExpect(jsonPath("$.items", empty()));
    }

    @Test
    void anUnknownCategoryOnUpdateIs422AndChangesNothing() throws Exception {
        String known = category("Known");
        String marker = marker();
        String id = body(send(
                                post("/products").header("Authorization", ADMIN),
                                productJson(marker, "[\"" + known + "\"]"))
                        .andExpect(status().isCreated()))
                .get("product_id")
                .asText();
        String unknown = UUID.randomUUID().toString();

        sendRefused(
                        put("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        productJson("renamed" + marker, "[\"" + unknown + "\"]"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("UNKNOWN_CATEGORY"))
                .andExpect(jsonPath("$.errors[0].field").value("category_ids[0]"));

        assertThat(db.fetchValue(PRODUCTS.NAME, PRODUCTS.PRODUCT_ID.eq(id))).isEqualTo(marker);
        assertThat(db.fetchValue(PRODUCTS.VERSION, PRODUCTS.PRODUCT_ID.eq(id))).isEqualTo(1L);
        assertThat(categoriesInDatabase(id)).containsExactly(known);
        mvc.perform(get("/products").param("q", "renamed" + marker)).andExpect(jsonPath("$.items", empty()));
    }

    @Test
    void badCategoryIdsAre400() throws Exception {
        String known = category("Known");
        String tooMany = java.util.stream.IntStream.range(0, 21)
                .mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        int products = db.fetchCount(PRODUCTS);
        for (String categories : List.of("[\"not-a-uuid\"]", "[null]", "\"" + known + "\"", "[12]", tooMany)) {
            send(post("/products").header("Authorization", ADMIN), productJson(marker(), categories))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.startsWith("category_ids")));
        }
        assertThat(db.fetchCount(PRODUCTS)).isEqualTo(products);
    }

    @Test
    void deletingACategoryLeavesItsProductsOutsideIt() throws Exception {
        String doomed = category("Doomed");
        String kept = category("Kept");
        String marker = marker();
        String id = body(send(
                                post("/products").header("Authorization", ADMIN),
                                productJson(marker, "[\"" + doomed + "\",\"" + kept + "\"]"))
                        .andExpect(status().isCreated()))
                .get("product_id")
                .asText();

        mvc.perform(delete("/categories/" + doomed).header("Authorization", ADMIN))
                .andExpect(status().isNoContent());

        mvc.perform(get("/products/" + id))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.category_ids", containsInAnyOrder(kept)));
        assertThat(categoriesInDatabase(id)).containsExactly(kept);
    }

    @Test
    void deletingAProductDeletesItsLinksAndLeavesTheCategories() throws Exception {
        String category = category("Stays");
        String id = body(send(
                                post("/products").header("Authorization", ADMIN),
                                productJson(marker(), "[\"" + category + "\"]"))
                        .andExpect(status().isCreated()))
                .get("product_id")
                .asText();
        mvc.perform(delete("/products/" + id).header("Authorization", ADMIN)).andExpect(status().isNoContent());
        assertThat(categoriesInDatabase(id)).isEmpty();
        mvc.perform(get("/categories/" + category)).andExpect(status().isOk());
    }

    private ResultActions update(String id, long version, String body) throws Exception {
        return send(
                put("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"" + version + "\""), body);
    }

    private List<String> categoriesInDatabase(String productId) {
        return db.select(PRODUCT_CATEGORIES.CATEGORY_ID)
                .from(PRODUCT_CATEGORIES)
                .where(PRODUCT_CATEGORIES.PRODUCT_ID.eq(productId))
                .fetch(PRODUCT_CATEGORIES.CATEGORY_ID);
    }

    private JsonNode onlyProduct(String marker) throws Exception {
        JsonNode items = body(mvc.perform(get("/products").param("q", marker))).get("items");
        assertThat(items.size()).isEqualTo(1);
        return items.get(0);
    }

    private String category(String name) throws Exception {
        return body(send(
                                post("/categories").header("Authorization", ADMIN),
                                "{\"slug\":\"" + CategoriesApiTest.slug() + "\",\"name\":\"" + name + "\"}")
                        .andExpect(status().isCreated()))
                .get("category_id")
                .asText();
    }

    /** Sends a JSON body and checks the answer against the contract. */
    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(CONTRACT.conforms());
    }

    /**
     * A 422 refusal, not checked against the contract: products.yaml 2.2.0 describes the 422 of an
     * unknown category (CategoryIds, UnprocessableContent) but lists no 422 under createProduct and
     * updateProduct.
     */
    private ResultActions sendRefused(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /** A product named {@code name} (a word no other test's product has), in these categories (JSON; null: none given). */
    private static String productJson(String name, String categoryIds) {
        return "{\"sku\":\"PC-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase()
                + "\",\"name\":\"" + name + "\",\"price\":9.90,\"stock_quantity\":3,\"is_active\":true"
                + (categoryIds == null ? "" : ",\"category_ids\":" + categoryIds) + "}";
    }

    private static String marker() {
        return "cat" + UUID.randomUUID().toString().substring(0, 8);
    }
}
