package serverlessshop.products.stock;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.amazonaws.serverless.proxy.RequestReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.products.api.model.Problem;
import serverlessshop.products.api.model.Product;
import serverlessshop.products.api.model.ProductCreate;
import serverlessshop.products.api.model.Reservation;
import serverlessshop.products.api.model.ReservationItemRequest;
import serverlessshop.products.api.model.ReservationRequest;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;
import serverlessshop.support.testing.lambda.LambdaFunctions;

/**
 * The stock-reservation operations and the bits of the catalog the tests need, called through
 * the real HTTP layer as the orders function's direct invocations arrive (a Lambda context with a
 * client context). Every answer is checked against
 * the contract before a test sees it.
 */
final class StockApi {

    static final ContractValidator CONTRACT = ContractValidator.forContract("products");
    private static final String RESERVATIONS = "/products/stock-reservations/";
    private static final AtomicInteger SKUS = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private final MockMvc mvc;
    private final ObjectMapper json;

    StockApi(MockMvc mvc, ObjectMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    /** A product with a SKU no other test uses; its id. */
    String newProduct(String name, String price, int stock) {
        return newProduct(name, price, stock, true);
    }

    String newProduct(String name, String price, int stock, boolean active) {
        ProductCreate product = new ProductCreate(
                        "STOCK-" + RUN + "-" + SKUS.incrementAndGet(), name, new BigDecimal(price))
                .stockQuantity(stock)
                .isActive(active);
        MvcResult created = call(post("/products")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestIssuer.admin("admin-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .content(write(product)));
        if (created.getResponse().getStatus() != 201) {
            throw new AssertionError("could not create a product: " + body(created));
        }
        return read(created, Product.class).getProductId().toString();
    }

    /** The product as an administrator sees it (inactive ones too), with its ETag. */
    MvcResult product(String productId) {
        return call(
                get("/products/" + productId).header(HttpHeaders.AUTHORIZATION, bearer(TestIssuer.admin("admin-1"))));
    }

    MvcResult deleteProduct(String productId) {
        return call(delete("/products/" + productId)
                .header(HttpHeaders.AUTHORIZATION, bearer(TestIssuer.admin("admin-1"))));
    }

    int stockOf(String productId) {
        return read(product(productId), Product.class).getStockQuantity();
    }

    String eTagOf(String productId) {
        return product(productId).getResponse().getHeader(HttpHeaders.ETAG);
    }

    static ReservationRequest request(Object... productIdsAndQuantities) {
        ReservationRequest request = new ReservationRequest();
        for (int i = 0; i < productIdsAndQuantities.length; i += 2) {
            request.addItemsItem(new ReservationItemRequest(
                    UUID.fromString((String) productIdsAndQuantities[i]), (Integer) productIdsAndQuantities[i + 1]));
        }
        return request;
    }

    MvcResult reserve(UUID reservationId, ReservationRequest request) {
        return call(reserveRequest(reservationId, write(request)));
    }

    /** The reserve request, not sent yet: for tests that send many at once, or other tokens. */
    MockHttpServletRequestBuilder reserveRequest(UUID reservationId, String body) {
        return direct(put(RESERVATIONS + reservationId)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    MvcResult getReservation(UUID reservationId) {
        return call(direct(get(RESERVATIONS + reservationId)));
    }

    MvcResult confirm(UUID reservationId) {
        return call(direct(post(RESERVATIONS + reservationId + "/confirm")));
    }

    MvcResult release(UUID reservationId) {
        return call(direct(post(RESERVATIONS + reservationId + "/release")));
    }

    /** Sends a request, checks the answer against the contract and returns it. */
    MvcResult call(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andExpect(CONTRACT.conforms()).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request without checking it: for many threads at once; check the results on one thread. */
    MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    Reservation reservation(MvcResult result) {
        return read(result, Reservation.class);
    }

    Problem problem(MvcResult result) {
        return read(result, Problem.class);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(MvcResult result, Class<T> type) {
        try {
            return json.readValue(body(result), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String body(MvcResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MockHttpServletRequestBuilder direct(MockHttpServletRequestBuilder request) {
        return request.requestAttr(
                RequestReader.LAMBDA_CONTEXT_PROPERTY, LambdaFunctions.directContext("products", "orders"));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
