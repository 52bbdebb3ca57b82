package serverlessshop.orders.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestIssuer;

/** The orders API as a customer or an administrator calls it; every answer is checked against orders.yaml. */
public final class OrdersApi {

    public static final ContractValidator CONTRACT = ContractValidator.forContract("orders");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockMvc mvc;

    public OrdersApi(MockMvc mvc) {
        this.mvc = mvc;
    }

    public static String customer(String customerId) {
        return "Bearer " + TestIssuer.customer(customerId);
    }

    public static String admin() {
        return "Bearer " + TestIssuer.admin("orders-admin");
    }

    /** POST /orders as this customer with this Idempotency-Key (none when null). */
    public ResultActions place(String customerId, String idempotencyKey, String body) throws Exception {
        var request = post("/orders")
                .header("Authorization", customer(customerId))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request).andExpect(CONTRACT.conforms());
    }

    public ResultActions read(String orderId, String authorization) throws Exception {
        return mvc.perform(get("/orders/" + orderId).header("Authorization", authorization))
                .andExpect(CONTRACT.conforms());
    }

    public ResultActions move(String orderId, String status, String authorization) throws Exception {
        return mvc.perform(put("/orders/" + orderId)
                        .header("Authorization", authorization)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"order_status\":\"" + status + "\"}"))
                .andExpect(CONTRACT.conforms());
    }

    public static JsonNode body(ResultActions result) {
        return body(result.andReturn());
    }

    public static JsonNode body(MvcResult result) {
        try {
            return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
