package serverlessshop.products.stock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import serverlessshop.products.api.model.ReservationItemRequest;
import serverlessshop.support.problem.FieldProblem;

/**
 * The items of a reservation request, each product once, sorted by product id: the order in
 * which every transaction locks product rows, so that two of them never wait for each other.
 */
record RequestedItems(List<RequestedItem> inLockOrder, String hash) {

    /** What a release of an unknown id records: a reservation of nothing. */
    static final RequestedItems NONE = sorted(List.of());

    /** The request's items, or 400 naming each null item and each product that appears again. */
    static RequestedItems of(List<ReservationItemRequest> items) {
        List<RequestedItem> requested = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ReservationItemRequest item = items.get(i);
            if (item == null) {
                problems.add(FieldProblem.body("items[" + i + "]", "must not be null"));
                continue;
            }
            RequestedItem candidate = new RequestedItem(i, item.getProductId().toString(), item.getQuantity());
            if (seen.add(candidate.productId())) {
                requested.add(candidate);
            } else {
                problems.add(FieldProblem.body(
                        candidate.field(), "appears more than once; each product may be reserved once"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidReservationItems(problems);
        }
        return sorted(requested);
    }

    List<String> productIds() {
        return inLockOrder.stream().map(RequestedItem::productId).toList();
    }

    private static RequestedItems sorted(List<RequestedItem> items) {
        List<RequestedItem> sorted = items.stream()
                .sorted(Comparator.comparing(RequestedItem::productId))
                .toList();
        return new RequestedItems(sorted, hashOf(sorted));
    }

    /** SHA-256 of the products and quantities, independent of their order in the request (and of the TTL). */
    private static String hashOf(List<RequestedItem> sorted) {
        StringBuilder normalized = new StringBuilder();
        for (RequestedItem item : sorted) {
            normalized
                    .append(item.productId())
                    .append(':')
                    .append(item.quantity())
                    .append('\n');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(normalized.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
