package serverlessshop.products.stock;

import static serverlessshop.products.db.Tables.PRODUCTS;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import serverlessshop.products.api.model.ReservationStatus;
import serverlessshop.products.api.model.StockShortage;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.products.db.tables.records.StockReservationItemsRecord;
import serverlessshop.support.problem.ProblemException;

/** Makes a new reservation: all items or none, in one transaction. */
@Component
class ReservationMaker {

    private final DSLContext db;
    private final ReservationStore reservations;
    private final StockLevels stock;
    private final Clock clock;

    ReservationMaker(DSLContext db, ReservationStore reservations, StockLevels stock, Clock clock) {
        this.db = db;
        this.reservations = reservations;
        this.stock = stock;
        this.clock = clock;
    }

    /**
     * The new reservation, or empty when the id is taken already (the caller answers as for a
     * repeat). Throws {@link UnknownProducts} or {@link InsufficientStock}, rolling everything
     * back, and {@code DuplicateKeyException} when a concurrent request for the same id won.
     * <p>
     * The stock first, the reservation's row last: concurrent requests for one id then queue on
     * the product rows, locked in product-id order. Were the row inserted first, they would queue
     * on its key instead, and when the first of them rolled back (not enough stock) MySQL would
     * let the others deadlock on it.
     */
    @Transactional
    public Optional<StoredReservation> make(UUID reservationId, RequestedItems items, int ttlSeconds) {
        String id = reservationId.toString();
        if (reservations.find(id).isPresent()) {
            return Optional.empty();
        }
        LocalDateTime now = UtcTime.now(clock);
        List<RequestedItem> notTaken = new ArrayList<>();
        for (RequestedItem item : items.inLockOrder()) {
            if (!stock.take(item.productId(), item.quantity(), now)) {
                notTaken.add(item);
            }
        }
        // Read after the updates, under their locks: the names and prices are those of the units taken.
        Map<String, ProductsRecord> products = db.selectFrom(PRODUCTS)
                .where(PRODUCTS.PRODUCT_ID.in(items.productIds()))
                .forUpdate()
                .fetchMap(PRODUCTS.PRODUCT_ID);
        if (!notTaken.isEmpty()) {
            throw refusal(notTaken, products);
        }
        // A concurrent request for this id that committed meanwhile makes this fail on the primary key.
        var reservation =
                reservations.insert(id, ReservationStatus.RESERVED, items.hash(), now.plusSeconds(ttlSeconds), now);
        List<StockReservationItemsRecord> reserved = items.inLockOrder().stream()
                .map(item -> reservedItem(id, item, products.get(item.productId())))
                .toList();
        reservations.insertItems(reserved);
        return Optional.of(new StoredReservation(reservation, reserved));
    }

    private StockReservationItemsRecord reservedItem(String reservationId, RequestedItem item, ProductsRecord product) {
        StockReservationItemsRecord reserved = reservations.newItem();
        reserved.setReservationId(reservationId);
        reserved.setProductId(item.productId());
        reserved.setSku(product.getSku());
        reserved.setName(product.getName());
        reserved.setQuantity(item.quantity());
        reserved.setUnitPrice(product.getPrice());
        return reserved;
    }

    private static ProblemException refusal(List<RequestedItem> notTaken, Map<String, ProductsRecord> products) {
        List<RequestedItem> unknown = notTaken.stream()
                .filter(item -> !isForSale(products.get(item.productId())))
                .toList();
        if (!unknown.isEmpty()) {
            return new UnknownProducts(unknown);
        }
        return new InsufficientStock(notTaken.stream()
                .map(item -> new StockShortage(
                        UUID.fromString(item.productId()),
                        item.quantity(),
                        products.get(item.productId()).getStockQuantity()))
                .toList());
    }

    private static boolean isForSale(ProductsRecord product) {
        return product != null && Boolean.TRUE.equals(product.getIsActive());
    }
}
