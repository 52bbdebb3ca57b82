package serverlessshop.orders.stock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import serverlessshop.orders.api.model.StockShortage;
import serverlessshop.products.client.ApiException;
import serverlessshop.products.client.api.StockReservationsApi;
import serverlessshop.products.client.model.Problem;
import serverlessshop.products.client.model.Reservation;
import serverlessshop.products.client.model.ReservationItemRequest;
import serverlessshop.products.client.model.ReservationRequest;
import serverlessshop.support.problem.FieldProblem;

/**
 * The products half of the order saga, through the generated client of products.yaml: reserve,
 * confirm and release stock, each idempotent by reservation id. Products' answers become what the
 * orders API says: a shortage 409 with the same {@code shortages}, an unknown product 422 naming
 * the item, and anything that does not answer (Lambda throttled or refused the invocation, the
 * function failed or timed out, a 5xx) {@link ProductsUnavailable}. The client's transport is a direct
 * invocation of the products function ({@link DirectInvokeHttpClient}): no token, the function's own
 * IAM identity.
 */
public class StockReservationsClient {

    private static final Logger log = LoggerFactory.getLogger(StockReservationsClient.class);

    private final StockReservationsApi api;
    private final ObjectMapper json;
    private final int reservationTtlSeconds;

    public StockReservationsClient(StockReservationsApi api, ObjectMapper json, int reservationTtlSeconds) {
        this.api = api;
        this.json = json;
        this.reservationTtlSeconds = reservationTtlSeconds;
    }

    @FunctionalInterface
    private interface Call<T> {
        T send() throws ApiException;
    }

    /**
     * Reserves every item or none. The items keep the order's order, so products' {@code items[i]}
     * names the order's item {@code i}.
     *
     * @throws ProductsShortOfStock when some product is short (nothing was reserved)
     * @throws ProductsNotForSale when some product does not exist or is not for sale
     * @throws ProductsReservationClosed when this id was released or expired before
     * @throws ProductsUnavailable when products did not answer; the reservation may or may not exist
     */
    public Reservation reserve(UUID reservationId, List<ReservationItemRequest> items) {
        ReservationRequest request = new ReservationRequest().items(items).ttlSeconds(reservationTtlSeconds);
        return call("reserveStock", reservationId, () -> api.reserveStock(reservationId, request));
    }

    /**
     * Makes the reservation permanent.
     *
     * @throws ProductsReservationClosed when it was released or expired first
     * @throws ProductsUnavailable when products did not answer
     */
    public Reservation confirm(UUID reservationId) {
        return call("confirmReservation", reservationId, () -> api.confirmReservation(reservationId));
    }

    /**
     * Returns the stock, whether the reservation was confirmed, never confirmed or never made (products
     * then records the id as released, so that a reserve arriving late cannot take stock).
     *
     * @throws ProductsUnavailable when products did not answer
     */
    public void release(UUID reservationId) {
        call("releaseReservation", reservationId, () -> api.releaseReservation(reservationId));
    }

    /** {@link #release} on a path that is failing already: true when products confirmed it. */
    public boolean releaseQuietly(UUID reservationId) {
        try {
            release(reservationId);
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release the reservation {} ({}); unconfirmed, it expires by itself",
                    reservationId,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private <T> T call(String operation, UUID reservationId, Call<T> call) {
        try {
            return call.send();
        } catch (ApiException e) {
            throw refusal(operation, reservationId, e);
        }
    }

    private RuntimeException refusal(String operation, UUID reservationId, ApiException e) {
        int status = e.getCode();
        if (status == 0) {
            // No answer at all: Lambda refused or throttled the invocation, the function failed or timed out.
            log.warn(
                    "{} {}: products did not answer ({})",
                    operation,
                    reservationId,
                    e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return new ProductsUnavailable();
        }
        Problem problem = problemOf(e.getResponseBody());
        String code = problem.getCode() == null ? "" : problem.getCode();
        if (status == 409 && code.equals("INSUFFICIENT_STOCK")) {
            return new ProductsShortOfStock(problem.getShortages().stream()
                    .map(shortage -> new StockShortage()
                            .productId(shortage.getProductId())
                            .requested(shortage.getRequested())
                            .available(shortage.getAvailable()))
                    .toList());
        }
        if (status == 404 && code.equals("NOT_FOUND")) {
            // Products answers so to a request that did not come in a direct invocation.
            log.error(
                    "{} {}: products did not take the call for a direct invocation (404 NOT_FOUND)",
                    operation,
                    reservationId);
            return new ProductsUnavailable();
        }
        if (status == 409 || status == 404) {
            return new ProductsReservationClosed(reservationId, code);
        }
        if (status == 422 && code.equals("UNKNOWN_PRODUCT")) {
            return new ProductsNotForSale(problem.getErrors().stream()
                    .map(error -> FieldProblem.body(error.getField(), "is not a product for sale"))
                    .toList());
        }
        if (status >= 500 || status == 429) {
            log.warn("{} {}: products answered {} {}", operation, reservationId, status, code);
            return new ProductsUnavailable();
        }
        if (status == 401 || status == 403) {
            log.error("{} {}: products refused the direct invocation ({})", operation, reservationId, status);
            return new ProductsUnavailable();
        }
        return new IllegalStateException(
                operation + " " + reservationId + ": products answered " + status + " " + e.getResponseBody());
    }

    private Problem problemOf(String body) {
        if (body == null || body.isBlank()) {
            return new Problem();
        }
        try {
            return json.readValue(body, Problem.class);
        } catch (JsonProcessingException e) {
            return new Problem();
        }
    }
}
