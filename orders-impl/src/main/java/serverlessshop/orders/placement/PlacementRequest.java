package serverlessshop.orders.placement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import serverlessshop.orders.api.model.Address;
import serverlessshop.orders.api.model.OrderCreate;
import serverlessshop.orders.api.model.OrderItemRequest;
import serverlessshop.orders.store.StoredAddress;
import serverlessshop.products.client.model.ReservationItemRequest;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ValidationFailed;

/**
 * A valid order request: each product at most once, and its SHA-256 over a canonical form, which
 * tells a retry of the same request from another request with the same Idempotency-Key.
 */
record PlacementRequest(List<ReservationItemRequest> reservationItems, StoredAddress address, String hash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws ValidationFailed naming each repeated item when a product appears more than once */
    static PlacementRequest of(OrderCreate request) {
        List<OrderItemRequest> items = request.getItems();
        Set<UUID> seen = new HashSet<>();
        List<FieldProblem> duplicates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(items.get(i).getProductId())) {
                duplicates.add(FieldProblem.body(
                        "items[" + i + "].product_id",
                        "appears more than once: order each product once, with its whole quantity"));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new ValidationFailed(duplicates);
        }
        Address address = request.getShippingAddress();
        return new PlacementRequest(
                items.stream()
                        .map(item -> new ReservationItemRequest()
                                .productId(item.getProductId())
                                .quantity(item.getQuantity()))
                        .toList(),
                new StoredAddress(address.getStreet(), address.getCity(), address.getZipCode(), address.getCountry()),
                sha256(canonical(items, address)));
    }

    /** Fixed field order, items in the order sent: the same request always gives the same text. */
    private static String canonical(List<OrderItemRequest> items, Address address) {
        Map<String, Object> shippingAddress = new LinkedHashMap<>();
        shippingAddress.put("street", address.getStreet());
        shippingAddress.put("city", address.getCity());
        shippingAddress.put("zip_code", address.getZipCode());
        shippingAddress.put("country", address.getCountry());
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put(
                "items",
                items.stream()
                        .map(item -> {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("product_id", item.getProductId().toString());
                            line.put("quantity", item.getQuantity());
                            return line;
                        })
                        .toList());
        canonical.put("shipping_address", shippingAddress);
        try {
            return JSON.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
