package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static serverlessshop.products.stock.StockApi.bearer;
import static serverlessshop.products.stock.StockApi.request;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import serverlessshop.support.testing.TestIssuer;

/** Only the orders service's machine token (scope products/stock) may use the reservations; nobody else. */
@WholeProductsServiceOnMutableClock
class StockReservationsAuthorizationTest {

    private static final String RESERVE = "reserveStock";

    @Autowired
    StockApi api;

    String lamp;
    UUID held;

    @BeforeEach
    void setUp() {
        lamp = api.newProduct("Desk lamp", "39.90", 10);
        held = UUID.randomUUID();
        assertThat(api.reserve(held, request(lamp, 1)).getResponse().getStatus())
                .isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {RESERVE, "getReservation", "confirmReservation", "releaseReservation"})
    void withoutADirectInvocationTheAnswerIs404WhateverTheTokenAndNothingChanges(String operation) throws Exception {
        List<String> tokens =
                List.of(TestIssuer.customer("customer-1"), TestIssuer.admin("admin-1"), TestIssuer.machine());
        MvcResult anonymous = api.call(requestFor(operation));
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(404);
        assertThat(api.problem(anonymous).getCode()).isEqualTo("NOT_FOUND");
        for (String token : tokens) {
            MvcResult result = api.call(requestFor(operation).header(HttpHeaders.AUTHORIZATION, bearer(token)));

            assertThat(result.getResponse().getStatus()).isEqualTo(404);
            assertThat(api.problem(result).getCode()).isEqualTo("NOT_FOUND");
        }
        assertThat(api.stockOf(lamp)).isEqualTo(9);
        assertThat(api.call(StockApi.direct(get("/products/stock-reservations/" + held)))
                        .getResponse()
                        .getContentAsString())
                .contains("\"RESERVED\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {RESERVE, "getReservation", "confirmReservation", "releaseReservation"})
    void theOrdersFunctionsDirectInvocationIsServed(String operation) {
        MvcResult result = api.call(StockApi.direct(requestFor(operation)));

        assertThat(result.getResponse().getStatus()).isEqualTo(operation.equals(RESERVE) ? 201 : 200);
    }

    /** A reserve of one lamp under a new id, or the operation on the reservation {@code held}. */
    private MockHttpServletRequestBuilder requestFor(String operation) {
        String reservations = "/products/stock-reservations/";
        return switch (operation) {
            case RESERVE ->
                put(reservations + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(api.write(request(lamp, 1)));
            case "getReservation" -> get(reservations + held);
            case "confirmReservation" -> post(reservations + held + "/confirm");
            case "releaseReservation" -> post(reservations + held + "/release");
            default -> throw new IllegalArgumentException(operation);
        };
    }
}
