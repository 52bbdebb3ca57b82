package serverlessshop.products.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static serverlessshop.products.db.Tables.PRODUCTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
class CatalogApiTest {

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
    void createAnswers201WithLocationETagAndTheStoredProduct() throws Exception {
        String sku = sku();
        JsonNode product = body(
                send(post("/products").header("Authorization", ADMIN), productJson(sku, "Desk lamp", "39.90", 25, true))
                        .andExpect(status().isCreated())
                        .andExpect(header().string("ETag", "\"1\""))
                        .andExpect(header().string("Location", startsWith("/products/")))
                        .andExpect(jsonPath("$.sku").value(sku))
                        .andExpect(jsonPath("$.price").value(39.90))
                        .andExpect(jsonPath("$.stock_quantity").value(25))
                        .andExpect(jsonPath("$.is_active").value(true)));

        String id = product.get("product_id").asText();
        assertThat(UUID.fromString(id).version()).as("time-ordered UUIDv7").isEqualTo(7);
        mvc.perform(get("/products/" + id))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.name").value("Desk lamp"))
                .andExpect(
                        jsonPath("$.created_at").value(product.get("created_at").asText()));
    }

    @Test
    void createDefaultsStockToZeroAndActiveToTrue() throws Exception {
        send(
                        post("/products").header("Authorization", ADMIN),
                        "{\"sku\":\"" + sku() + "\",\"name\":\"Plain\",\"price\":1}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stock_quantity").value(0))
                .andExpect(jsonPath("$.is_active").value(true));
    }

    @Test
    void aDuplicateSkuIs409AndChangesNothing() throws Exception {
        String sku = sku();
        create(sku, "First", "10.00", 1, true);
        int before = db.fetchCount(PRODUCTS);
        send(post("/products").header("Authorization", ADMIN), productJson(sku, "Second", "11.00", 1, true))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_SKU"))
                .andExpect(jsonPath("$.errors[0].field").value("sku"));
        assertThat(db.fetchCount(PRODUCTS)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            price zero                 | {"sku":"S-1","name":"n","price":0}                           | price
            price negative             | {"sku":"S-1","name":"n","price":-5}                          | price
            price with three decimals  | {"sku":"S-1","name":"n","price":1.999}                       | price
            price too large            | {"sku":"S-1","name":"n","price":100000000}                   | price
            price as a string          | {"sku":"S-1","name":"n","price":"12.50"}                     | price
            stock negative             | {"sku":"S-1","name":"n","price":1,"stock_quantity":-1}       | stock_quantity
            stock fractional           | {"sku":"S-1","name":"n","price":1,"stock_quantity":1.5}      | stock_quantity
            sku missing                | {"name":"n","price":1}                                       | sku
            sku with spaces            | {"sku":"A B","name":"n","price":1}                           | sku
            name blank                 | {"sku":"S-1","name":"   ","price":1}                         | name
            name with a control char   | {"sku":"S-1","name":"a\\u0007b","price":1}                   | name
            unknown field              | {"sku":"S-1","name":"n","price":1,"product_id":"x"}          | product_id
            is_active not a boolean    | {"sku":"S-1","name":"n","price":1,"is_active":"yes"}         | is_active
            """)
    void badInputIs400NamingTheFieldAndChangesNothing(String what, String body, String field) throws Exception {
        int before = db.fetchCount(PRODUCTS);
        send(post("/products").header("Authorization", ADMIN), body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field)))
                .andExpect(jsonPath("$.errors[0].in").value("body"));
        assertThat(db.fetchCount(PRODUCTS)).isEqualTo(before);
    }

    @Test
    void everyBadFieldIsListed() throws Exception {
        send(
                        post("/products").header("Authorization", ADMIN),
                        "{\"sku\":\"\",\"name\":\"\",\"price\":0,\"stock_quantity\":-1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath(
                        "$.errors[*].field", org.hamcrest.Matchers.hasItems("sku", "name", "price", "stock_quantity")));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        send(post("/products").header("Authorization", ADMIN), "{\"sku\": ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        mvc.perform(post("/products")
                        .header("Authorization", ADMIN)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x"))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void anUnknownProductIs404AndABadIdIs400() throws Exception {
        mvc.perform(get("/products/" + UUID.randomUUID()))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/products/not-a-uuid"))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("product_id"))
                .andExpect(jsonPath("$.errors[0].in").value("path"));
    }

    @Test
    void inactiveProductsAreHiddenFromShoppersButNotFromAdministrators() throws Exception {
        String id = create(sku(), "Hidden gem", "5.00", 3, false);
        mvc.perform(get("/products/" + id)).andExpect(CONTRACT.conforms()).andExpect(status().isNotFound());
        mvc.perform(get("/products/" + id).header("Authorization", CUSTOMER)).andExpect(status().isNotFound());
        mvc.perform(get("/products/" + id).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.is_active").value(false));
    }

    @Test
    void listingPagesThroughEveryMatchInNameOrderWithoutRepeats() throws Exception {
        String marker = "pager" + UUID.randomUUID().toString().substring(0, 8);
        List<String> expected = new ArrayList<>();
        for (String name : List.of("Delta", "alpha", "Charlie", "Bravo", "Echo", "Alpha")) {
            create(sku(), name + " " + marker, "1.00", 1, true);
        }
        create(sku(), "Zulu " + marker, "1.00", 1, false);

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/products").param("q", marker).param("limit", "4");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            JsonNode page =
                    body(mvc.perform(request).andExpect(CONTRACT.conforms()).andExpect(status().isOk()));
            page.get("items")
                    .forEach(item -> names.add(item.get("name").asText().replace(" " + marker, "")));
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(2);
        assertThat(names).hasSize(6).doesNotContain("Zulu").doesNotHaveDuplicates();
        assertThat(names.stream().map(String::toLowerCase).toList()).isSorted();
    }

    @Test
    void searchMatchesNameSkuOrDescriptionIgnoringCase() throws Exception {
        String marker = "find" + UUID.randomUUID().toString().substring(0, 8);
        create(sku(), "Lamp " + marker.toUpperCase(), "1.00", 1, true);
        send(
                        post("/products").header("Authorization", ADMIN),
                        "{\"sku\":\"" + marker + "-SKU\",\"name\":\"Mug\"," + "\"price\":2}")
                .andExpect(status().isCreated());
        send(
                        post("/products").header("Authorization", ADMIN),
                        "{\"sku\":\"" + sku() + "\",\"name\":\"Pen\"," + "\"description\":\"Writes with " + marker
                                + " ink\",\"price\":3}")
                .andExpect(status().isCreated());

        mvc.perform(get("/products").param("q", marker))
                .andExpect(CONTRACT.conforms())
                .andExpect(jsonPath("$.items", hasSize(3)))
                .andExpect(
                        jsonPath("$.items[*].name", containsInAnyOrder("Lamp " + marker.toUpperCase(), "Mug", "Pen")));
    }

    @Test
    void wildcardsInASearchAreSeparatorsNotWildcards() throws Exception {
        String marker = "wild" + UUID.randomUUID().toString().substring(0, 8);
        create(sku(), "100% cotton " + marker, "1.00", 1, true);
        create(sku(), "100 cotton " + marker, "1.00", 1, true);
        for (String q : List.of("%", "_", "%%")) {
            mvc.perform(get("/products").param("q", q))
                    .andExpect(CONTRACT.conforms())
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items", hasSize(0)));
        }
        mvc.perform(get("/products").param("q", "100% " + marker))
                .andExpect(jsonPath(
                        "$.items[*].name", containsInAnyOrder("100% cotton " + marker, "100 cotton " + marker)));
    }

    @Test
    void administratorsMayListInactiveProductsOnly() throws Exception {
        String marker = "active" + UUID.randomUUID().toString().substring(0, 8);
        create(sku(), "On " + marker, "1.00", 1, true);
        create(sku(), "Off " + marker, "1.00", 1, false);
        mvc.perform(get("/products").param("q", marker).param("active", "false").header("Authorization", ADMIN))
                .andExpect(jsonPath("$.items[*].name", containsInAnyOrder("Off " + marker)));
        mvc.perform(get("/products").param("q", marker).header("Authorization", ADMIN))
                .andExpect(jsonPath("$.items", hasSize(2)));
        mvc.perform(get("/products").param("q", marker).param("active", "false"))
                .andExpect(jsonPath("$.items[*].name", containsInAnyOrder("On " + marker)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit,0", "limit,101", "limit,ten", "cursor,not*base64", "cursor,bm90LWpzb24", "q,''"})
    void badListParametersAre400NamingTheParameter(String name, String value) throws Exception {
        mvc.perform(get("/products").param(name, value))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(name))
                .andExpect(jsonPath("$.errors[0].in").value("query"));
    }

    @Test
    void updateWithTheCurrentETagReplacesTheProductAndBumpsTheETag() throws Exception {
        String id = create(sku(), "Old name", "10.00", 5, true);
        String newSku = sku();
        send(
                        put("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        productJson(newSku, "New name", "12.50", 7, false))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.name").value("New name"))
                .andExpect(jsonPath("$.sku").value(newSku))
                .andExpect(jsonPath("$.price").value(12.50))
                .andExpect(jsonPath("$.stock_quantity").value(7))
                .andExpect(jsonPath("$.is_active").value(false));
    }

    @Test
    void aStaleETagIs412AndChangesNothing() throws Exception {
        String id = create(sku(), "Contended", "10.00", 5, true);
        send(
                        put("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        productJson(sku(), "First edit", "10.00", 5, true))
                .andExpect(status().isOk());

        send(
                        put("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        productJson(sku(), "Lost edit", "99.00", 0, true))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.code").value("PRECONDITION_FAILED"));
        assertThat(db.fetchValue(PRODUCTS.NAME, PRODUCTS.PRODUCT_ID.eq(id))).isEqualTo("First edit");
    }

    @Test
    void anUpdateWithoutIfMatchIs428() throws Exception {
        String id = create(sku(), "Guarded", "10.00", 5, true);
        send(put("/products/" + id).header("Authorization", ADMIN), productJson(sku(), "x", "1.00", 1, true))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.code").value("PRECONDITION_REQUIRED"));
        assertThat(db.fetchValue(PRODUCTS.NAME, PRODUCTS.PRODUCT_ID.eq(id))).isEqualTo("Guarded");
    }

    @Test
    void updatingToAnotherProductsSkuIs409() throws Exception {
        String taken = sku();
        create(taken, "Owner", "1.00", 1, true);
        String id = create(sku(), "Other", "1.00", 1, true);
        send(
                        put("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"1\""),
                        productJson(taken, "Other", "1.00", 1, true))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_SKU"));
    }

    @Test
    void updatingAnUnknownProductIs404() throws Exception {
        send(
                        put("/products/" + UUID.randomUUID())
                                .header("Authorization", ADMIN)
                                .header("If-Match", "\"1\""),
                        productJson(sku(), "x", "1.00", 1, true))
                .andExpect(status().isNotFound());
    }

    @Test
    void deleteIs204ThenTheProductIsGone() throws Exception {
        String id = create(sku(), "Doomed", "1.00", 1, true);
        mvc.perform(delete("/products/" + id).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNoContent());
        mvc.perform(get("/products/" + id).header("Authorization", ADMIN)).andExpect(status().isNotFound());
        mvc.perform(delete("/products/" + id).header("Authorization", ADMIN))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isNotFound());
    }

    @Test
    void deleteWithAStaleETagIs412AndKeepsTheProduct() throws Exception {
        String id = create(sku(), "Kept", "1.00", 1, true);
        mvc.perform(delete("/products/" + id).header("Authorization", ADMIN).header("If-Match", "\"7\""))
                .andExpect(CONTRACT.conforms())
                .andExpect(status().isPreconditionFailed());
        assertThat(db.fetchExists(PRODUCTS, PRODUCTS.PRODUCT_ID.eq(id))).isTrue();
    }

    /** Sends a JSON body and checks the answer against the contract. */
    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(CONTRACT.conforms());
    }

    private String create(String sku, String name, String price, int stock, boolean active) throws Exception {
        return body(send(post("/products").header("Authorization", ADMIN), productJson(sku, name, price, stock, active))
                        .andExpect(status().isCreated()))
                .get("product_id")
                .asText();
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String productJson(String sku, String name, String price, int stock, boolean active) {
        return """
                {"sku":"%s","name":"%s","description":"A test product","price":%s,"stock_quantity":%d,"is_active":%s}
                """.formatted(sku, name, price, stock, active);
    }

    private static String sku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
    }
}
