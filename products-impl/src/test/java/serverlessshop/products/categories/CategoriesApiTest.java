package serverlessshop.products.categories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.products.db.Tables.CATEGORIES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;

@WholeProductsService
class CategoriesApiTest {

    static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    static final String ADMIN = "Bearer " + TestIssuer.admin("admin-1");
    static final String CUSTOMER = "Bearer " + TestIssuer.customer("customer-1");

    @Autowired
    MockMvc mvc;

    @Autowired
    DSLContext db;

    @Autowired
    ObjectMapper json;

    @Test
    void createAnswers201WithLocationETagAndTheCategoryThatAnybodyMayThenRead() throws Exception {
        String slug = slug();
        JsonNode created = body(send(post("/categories").header("Authorization", ADMIN), categoryJson(slug, "Lighting"))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.slug").value(slug))
                .andExpect(jsonPath("$.name").value("Lighting")));
        String id = created.get("category_id").asText();
        assertThat(UUID.fromString(id).version()).as("time-ordered UUIDv7").isEqualTo(7);

        for (String caller : new String[] {null, CUSTOMER}) {
            var request = get("/categories/" + id);
            if (caller != null) {
                request.header("Authorization", caller);
            }
            mvc.perform(request)
                    .andExpect(CONTRACT.conforms())
                    .andExpect(status().isOk())
                    .andExpect(header().string("ETag", "\"1\""))
                    .andExpect(jsonPath("$.category_id").value(id))
                    .andExpect(jsonPath("$.slug").value(slug))
                    .andExpect(jsonPath("$.name").value("Lighting"));
        }
    }

    @Test
    void theLocationOfACreatedCategoryIsWhereItIsRead() throws Exception {
        String location = send(post("/categories").header("Authorization", ADMIN), categoryJson(slug(), "Desks"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        assertThat(location).matches("/categories/[0-9a-f-]{36}");
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Desks"));
    }

    @Test
    void aReadWithTheCurrentETagIs304() throws Exception {
        String id = create(slug(), "Cached");
        mvc.perform(get("/categories/" + id).header("If-None-Match", "\"1\""))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(content().string(""));
        mvc.perform(get("/categories/" + id).header("If-None-Match", "\"0\"")).andExpect(status().isOk());
    }

    @Test
    void aDuplicateSlugIs409AndChangesNothing() throws Exception {
        String slug = slug();
        create(slug, "First");
        int before = db.fetchCount(CATEGORIES);
        send(post("/categories").header("Authorization", ADMIN), categoryJson(slug, "Second"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_SLUG"))
                .andExpect(jsonPath("$.errors[0].field").value("slug"));
        assertThat(db.fetchCount(CATEGORIES)).isEqualTo(before);
    }

    @Test
    void renamingToAnotherCategorysSlugIs409AndChangesNothing() throws Exception {
        String taken = slug();
        create(taken, "Owner");
        String mine = slug();
        String id = create(mine, "Mine");
        send(
                        put("/categories/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        categoryJson(taken, "Mine renamed"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_SLUG"));
        assertThat(db.fetchValue(CATEGORIES.SLUG, CATEGORIES.CATEGORY_ID.eq(id)))
                .isEqualTo(mine);
        assertThat(db.fetchValue(CATEGORIES.VERSION, CATEGORIES.CATEGORY_ID.eq(id)))
                .isEqualTo(1L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            slug missing              | {"name":"n"}                                  | slug
            slug empty                | {"slug":"","name":"n"}                        | slug
            slug with upper case      | {"slug":"Lighting","name":"n"}                | slug
            slug with a space         | {"slug":"desk lamps","name":"n"}              | slug
            slug with a double hyphen | {"slug":"desk--lamps","name":"n"}             | slug
            slug ending in a hyphen   | {"slug":"desk-","name":"n"}                   | slug
            slug not a string         | {"slug":12,"name":"n"}                        | slug
            name missing              | {"slug":"ok"}                                 | name
            name blank                | {"slug":"ok","name":"   "}                    | name
            name with a control char  | {"slug":"ok","name":"a\\u0007b"}              | name
            unknown field             | {"slug":"ok","name":"n","category_id":"x"}    | category_id
            """)
    void badInputIs400NamingTheFieldAndChangesNothing(String what, String body, String field) throws Exception {
        int before = db.fetchCount(CATEGORIES);
        send(post("/categories").header("Authorization", ADMIN), body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem(field)))
                .andExpect(jsonPath("$.errors[0].in").value("body"));
        assertThat(db.fetchCount(CATEGORIES)).isEqualTo(before);
    }

    @Test
    void aSlugOf64CharactersIsTakenAndOf65Refused() throws Exception {
        String base = slug();
        String longest = base + "x".repeat(64 - base.length());
        send(post("/categories").header("Authorization", ADMIN), categoryJson(longest, "Long"))
                .andExpect(status().isCreated());
        send(post("/categories").header("Authorization", ADMIN), categoryJson(longest + "x", "Longer"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("slug"));
    }

    @Test
    void updateWithTheCurrentETagReplacesSlugAndNameAndBumpsTheETag() throws Exception {
        String id = create(slug(), "Old name");
        String newSlug = slug();
        send(
                        put("/categories/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        categoryJson(newSlug, "New name"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.category_id").value(id))
                .andExpect(jsonPath("$.slug").value(newSlug))
                .andExpect(jsonPath("$.name").value("New name"));
        mvc.perform(get("/categories/" + id))
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.slug").value(newSlug));
    }

    @Test
    void aStaleETagIs412AndChangesNothing() throws Exception {
        String slug = slug();
        String id = create(slug, "Contended");
        send(
                        put("/categories/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        categoryJson(slug, "First edit"))
                .andExpect(status().isOk());
        send(
                        put("/categories/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        categoryJson(slug(), "Lost edit"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.code").value("PRECONDITION_FAILED"));
        assertThat(db.fetchValue(CATEGORIES.NAME, CATEGORIES.CATEGORY_ID.eq(id)))
                .isEqualTo("First edit");
        assertThat(db.fetchValue(CATEGORIES.SLUG, CATEGORIES.CATEGORY_ID.eq(id)))
                .isEqualTo(slug);
    }

    @Test
    void anUpdateWithoutIfMatchIs428AndChangesNothing() throws Exception {
        String id = create(slug(), "Guarded");
        send(put("/categories/" + id).header("Authorization", ADMIN), categoryJson(slug(), "Unguarded"))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.code").value("PRECONDITION_REQUIRED"));
        assertThat(db.fetchValue(CATEGORIES.NAME, CATEGORIES.CATEGORY_ID.eq(id)))
                .isEqualTo("Guarded");
    }

    @Test
    void anUnknownCategoryIs404AndABadIdIs400() throws Exception {
        String unknown = UUID.randomUUID().toString();
        mvc.perform(get("/categories/" + unknown))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        send(
                        put("/categories/" + unknown)
                                .header("Authorization", ADMIN)
                                .header("If-Match", "\"1\""),
                        categoryJson(slug(), "Nothing"))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/categories/" + unknown).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotFound());
        mvc.perform(get("/categories/not-a-uuid"))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("category_id"))
                .andExpect(jsonPath("$.errors[0].in").value("path"));
    }

    @Test
    void deleteIs204ThenTheCategoryIsGone() throws Exception {
        String id = create(slug(), "Doomed");
        mvc.perform(delete("/categories/" + id).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNoContent());
        mvc.perform(get("/categories/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void deleteWithTheCurrentETagDeletesAndWithAStaleOneIs412AndKeepsTheCategory() throws Exception {
        String id = create(slug(), "Kept");
        mvc.perform(delete("/categories/" + id).header("Authorization", ADMIN).header("If-Match", "\"7\""))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isPreconditionFailed());
        assertThat(db.fetchExists(CATEGORIES, CATEGORIES.CATEGORY_ID.eq(id))).isTrue();
        mvc.perform(delete("/categories/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""))
                .andExpect(status().isNoContent());
        assertThat(db.fetchExists(CATEGORIES, CATEGORIES.CATEGORY_ID.eq(id))).isFalse();
    }

    @Test
    void listingPagesThroughEveryCategoryByNameThenIdWithoutRepeats() throws Exception {
        String marker = "pager" + UUID.randomUUID().toString().substring(0, 8);
        List<String> mine = new ArrayList<>();
        for (String name : List.of("Delta", "alpha", "Charlie", "Bravo", "Echo", "Bravo")) {
            mine.add(create(slug(), marker + " " + name));
        }

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/categories").param("limit", "2");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page =
                    body(mvc.perform(request).andExpect(CONTRACT.conforms()).andExpect(status().isOk()));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(seen::add);
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(cursor).as("the last page has no next cursor").isNull();
        List<String> ids =
                seen.stream().map(item -> item.get("category_id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsAll(mine).hasSize(db.fetchCount(CATEGORIES));
        List<String> names = seen.stream()
                .map(item -> item.get("name").asText())
                .filter(name -> name.startsWith(marker))
                .map(name -> name.substring(marker.length() + 1))
                .toList();
        assertThat(names).containsExactly("alpha", "Bravo", "Bravo", "Charlie", "Delta", "Echo");
        List<String> bravos = seen.stream()
                .filter(item -> item.get("name").asText().equals(marker + " Bravo"))
                .map(item -> item.get("category_id").asText())
                .toList();
        assertThat(bravos).as("same name: by id").isSorted();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit,0", "limit,101", "limit,ten", "cursor,not*base64", "cursor,bm90LWpzb24"})
    void badListParametersAre400NamingTheParameter(String name, String value) throws Exception {
        mvc.perform(get("/categories").param(name, value))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(name))
                .andExpect(jsonPath("$.errors[0].in").value("query"));
    }

    @Test
    void aCursorOfTheProductListingIsNoCursorOfCategories() throws Exception {
        for (int i = 0; i < 2; i++) {
            send(
                            post("/products").header("Authorization", ADMIN),
                            "{\"sku\":\"CUR-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"n\","
                                    + "\"price\":1}")
                    .andExpect(status().isCreated());
        }
        String productCursor = body(mvc.perform(get("/products").param("limit", "1")))
                .get("next_cursor")
                .asText();
        mvc.perform(get("/categories").param("cursor", productCursor))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
    }

    /** Sends a JSON body and checks the answer against the contract. */
    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(CONTRACT.conforms());
    }

    private String create(String slug, String name) throws Exception {
        return body(send(post("/categories").header("Authorization", ADMIN), categoryJson(slug, name))
                        .andExpect(status().isCreated()))
                .get("category_id")
                .asText();
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String categoryJson(String slug, String name) {
        return "{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\"}";
    }

    static String slug() {
        return "c-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);
    }
}
