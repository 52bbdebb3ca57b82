package serverlessshop.orders.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import serverlessshop.orders.api.model.OrderCreate;
import serverlessshop.orders.api.model.OrderStatus;
import serverlessshop.orders.stock.ProductsReservationClosed;
import serverlessshop.orders.stock.ProductsShortOfStock;
import serverlessshop.orders.stock.ProductsUnavailable;
import serverlessshop.orders.stock.StockReservationsClient;
import serverlessshop.orders.store.IdempotencyKeys;
import serverlessshop.orders.store.IdempotencyRecord;
import serverlessshop.orders.store.OrderRepository;
import serverlessshop.orders.store.StoredLine;
import serverlessshop.orders.store.StoredOrder;
import serverlessshop.products.client.model.Reservation;
import serverlessshop.products.client.model.ReservationItemRequest;
import serverlessshop.products.client.model.ReservedItem;
import serverlessshop.support.datastore.DatastoreUnavailable;
import serverlessshop.support.metrics.EmbeddedMetrics;

/**
 * Places an order: a saga across orders and products (orders-impl/README.md), safe to repeat at every step.
 *
 * <ol>
 *   <li>Claim the customer's Idempotency-Key with a conditional put of its record, which names a new
 *       order id; a request that finds the key taken replays the placed order, refuses another body
 *       (422), waits for an attempt in progress (409), or takes over an attempt that crashed. A
 *       record is kept 24 hours ({@link IdempotencyKeys}); past that the key places a new order.</li>
 *   <li>Reserve the stock in products, which returns the authoritative names and prices.</li>
 *   <li>Write the placed order and mark the key's record placed, on condition the claim is still
 *       this attempt's.</li>
 *   <li>Confirm the reservation.</li>
 * </ol>
 * A new order (not a replay) first counts against the customer's rate of order creation (429).
 * When a step fails, what the earlier ones did is undone before the client hears of it, so nothing
 * stays reserved and a retry with the same key starts again; what cannot be undone at that moment
 * (products unreachable) is an unconfirmed reservation, which expires by itself.
 */
@Service
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    /** Longer than any attempt takes (a few seconds of products and DynamoDB timeouts). */
    static final Duration STALE_CLAIM = Duration.ofSeconds(30);
    /** Reservation ids an order may go through (see {@link OrderIds#reservationId}). */
    static final int RESERVATION_IDS = 10;

    private static final int CLAIM_ATTEMPTS = 3;
    /** The business figures of the dashboard (embedded metrics): orders placed, and orders refused for want of stock. */
    static final String ORDERS_PLACED = "OrdersPlaced";

    static final String SELL_OUTS = "SellOuts";

    private final OrderRepository orders;
    private final IdempotencyKeys keys;
    private final StockReservationsClient stock;
    private final OrderCreationRate rate;
    private final OpenUnitsCap cap;
    private final UnconfirmedOrders unconfirmed;
    private final Clock clock;
    private final EmbeddedMetrics metrics;

    OrderPlacement(
            OrderRepository orders,
            IdempotencyKeys keys,
            StockReservationsClient stock,
            OrderCreationRate rate,
            OpenUnitsCap cap,
            UnconfirmedOrders unconfirmed,
            Clock clock,
            EmbeddedMetrics metrics) {
        this.orders = orders;
        this.keys = keys;
        this.stock = stock;
        this.rate = rate;
        this.cap = cap;
        this.unconfirmed = unconfirmed;
        this.clock = clock;
        this.metrics = metrics;
    }

    private record Reserved(UUID reservationId, Reservation reservation) {}

    PlacedOrder place(String customerId, String idempotencyKey, OrderCreate body) {
        PlacementRequest request = PlacementRequest.of(body);
        Instant now = now();
        String token = UUID.randomUUID().toString();
        IdempotencyRecord claim = IdempotencyRecord.claim(
                customerId,
                idempotencyKey,
                OrderIds.newOrderId().toString(),
                request.hash(),
                token,
                now,
                IdempotencyKeys.expiryOf(now));
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if (keys.claim(claim, now)) {
                admit(claim, request);
                return carryOut(claim, request);
            }
            // A record past its expiry reads as absent: the claim above may overwrite it.
            Optional<IdempotencyRecord> existing = keys.find(customerId, idempotencyKey, now);
            if (existing.isEmpty()) {
                continue; // an attempt that failed has just deleted its claim, or the key has expired: claim again
            }
            IdempotencyRecord found = existing.get();
            if (token.equals(found.claimToken())) {
                // Our own claim: the put was made but its answer lost, and the SDK's retry found the key taken.
                return carryOut(claim, request);
            }
            if (!found.requestHash().equals(request.hash())) {
                throw new IdempotencyKeyReused();
            }
            if (found.placed()) {
                Optional<StoredOrder> order = orders.findPlaced(found.orderId(), customerId);
                // Its attempt may have died between writing it and confirming its stock: confirm before
                // telling anyone of it. One whose reservation closed first is undone: place it again.
                if (order.isPresent() && unconfirmed.settle(order.get())) {
                    return new PlacedOrder(order.get(), true);
                }
                if (order.isEmpty()) {
                    // Undone, and its record left behind (deleted separately, see OrderRepository.deletePlaced).
                    keys.forget(customerId, idempotencyKey, found.orderId());
                }
                continue;
            }
            if (found.claimedAt().plus(STALE_CLAIM).isAfter(now) || !keys.takeOver(found, token, now)) {
                throw new RequestInProgress();
            }
            log.info("Order {}: taking over an attempt claimed at {}", found.orderId(), found.claimedAt());
            return carryOut(found.takenOverBy(token, now), request);
        }
        throw new RequestInProgress();
    }

    /**
     * Checked only once the claim is ours: a replay or a retry of an attempt in progress finds the
     * id taken and never gets here, so it does not use up the customer's allowance, and a placed
     * order's own units never count against its replay. The open units come first, so an order they
     * refuse does not use up the rate either.
     */
    private void admit(IdempotencyRecord claim, PlacementRequest request) {
        try {
            cap.check(claim.customerId(), request.reservationItems());
            rate.admit(claim.customerId());
        } catch (RuntimeException e) {
            abandon(claim);
            throw e;
        }
    }

    private PlacedOrder carryOut(IdempotencyRecord claim, PlacementRequest request) {
        Reserved reserved = reserve(claim, request);
        StoredOrder order = placed(claim, request, reserved);
        write(claim, order, reserved.reservationId());
        confirm(order, reserved.reservationId());
        metrics.count(ORDERS_PLACED);
        return new PlacedOrder(order, false);
    }

    private Reserved reserve(IdempotencyRecord claim, PlacementRequest request) {
        UUID orderId = UUID.fromString(claim.orderId());
        UUID reservationId = orderId;
        try {
            for (int attempt = 0; attempt < RESERVATION_IDS; attempt++) {
                reservationId = OrderIds.reservationId(orderId, attempt);
                try {
                    return new Reserved(reservationId, stock.reserve(reservationId, request.reservationItems()));
                } catch (ProductsReservationClosed closed) {
                    log.info("Order {}: reservation {} was closed by an earlier attempt", orderId, reservationId);
                }
            }
            throw new IllegalStateException(
                    "Order " + orderId + " has used all its " + RESERVATION_IDS + " reservation ids");
        } catch (ProductsUnavailable e) {
            // Products may have reserved before its answer was lost: release that id, which also keeps a
            // reserve still on its way from taking stock.
            stock.releaseQuietly(reservationId);
            abandon(claim);
            throw e;
        } catch (ProductsShortOfStock e) {
            abandon(claim); // nothing was reserved
            metrics.count(SELL_OUTS);
            throw e;
        } catch (RuntimeException e) {
            abandon(claim); // unknown product: nothing was reserved
            throw e;
        }
    }

    private void write(IdempotencyRecord claim, StoredOrder order, UUID reservationId) {
        OrderRepository.Completion completion;
        try {
            completion = orders.complete(order, claim, cap.limit());
        } catch (DatastoreUnavailable e) {
            if (isPlaced(order)) {
                return; // the write was made; only its answer was lost
            }
            stock.releaseQuietly(reservationId);
            abandon(claim);
            throw e;
        }
        if (completion == OrderRepository.Completion.OVER_LIMIT) {
            // Another order of this customer took the units between the check and this write.
            stock.releaseQuietly(reservationId);
            abandon(claim);
            throw overLimit(order);
        }
        if (completion == OrderRepository.Completion.CLAIM_LOST) {
            if (isPlaced(order)) {
                // The put was made but its answer lost: the SDK's retry found the claim gone. Carry on and
                // confirm, or the order would stand on a reservation that expires.
                return;
            }
            // A later attempt took the claim over; it carries on with the same reservation.
            throw new RequestInProgress();
        }
    }

    private void confirm(StoredOrder order, UUID reservationId) {
        try {
            stock.confirm(reservationId);
        } catch (ProductsUnavailable | ProductsReservationClosed e) {
            // Nobody has been told of this order yet: undo it, and a retry with the same key starts again.
            // Only once its stock is back for sure: a confirm that went unanswered may have been made, and
            // the order deleted over a confirmed reservation would leave that stock held by nothing. If
            // the release did not get through either, the order stays PENDING: a retry with the same key
            // or the unconfirmed-orders job confirms it, or undoes it once its reservation has closed.
            boolean released = stock.releaseQuietly(reservationId);
            if (!released && e instanceof ProductsUnavailable) {
                log.warn(
                        "Order {}: its confirmation and the release of {} both went unanswered; it stays PENDING",
                        order.orderId(),
                        reservationId);
                throw new ProductsUnavailable();
            }
            try {
                orders.deletePlaced(order);
            } catch (DatastoreUnavailable unavailable) {
                log.error(
                        "Order {}: its reservation {} could not be confirmed and the order could not be deleted",
                        order.orderId(),
                        reservationId);
            }
            throw new ProductsUnavailable();
        }
    }

    /** The problem naming the products now over the limit (all of the order's if none is any longer). */
    private OpenUnitsLimit overLimit(StoredOrder order) {
        List<ReservationItemRequest> items = order.items().stream()
                .map(line -> new ReservationItemRequest()
                        .productId(UUID.fromString(line.productId()))
                        .quantity(line.quantity()))
                .toList();
        try {
            cap.check(order.customerId(), items);
        } catch (OpenUnitsLimit named) {
            return named;
        }
        return new OpenUnitsLimit(
                cap.limit(), order.items().stream().map(StoredLine::productId).toList());
    }

    /** The placed order: names and prices from the reservation, the total computed here. */
    private StoredOrder placed(IdempotencyRecord claim, PlacementRequest request, Reserved reserved) {
        Map<UUID, ReservedItem> reservedItems = reserved.reservation().getItems().stream()
                .collect(Collectors.toMap(ReservedItem::getProductId, Function.identity()));
        List<StoredLine> lines = request.reservationItems().stream()
                .map(item -> {
                    ReservedItem reservedItem = reservedItems.get(item.getProductId());
                    if (reservedItem == null) {
                        throw new IllegalStateException("The reservation " + reserved.reservationId()
                                + " lacks the product " + item.getProductId());
                    }
                    return new StoredLine(
                            item.getProductId().toString(),
                            reservedItem.getName(),
                            item.getQuantity(),
                            reservedItem.getUnitPrice());
                })
                .toList();
        BigDecimal total = lines.stream()
                .map(StoredLine::lineTotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
        Instant now = now();
        return StoredOrder.builder()
                .orderId(claim.orderId())
                .customerId(claim.customerId())
                .shippingAddress(request.address())
                .requestHash(claim.requestHash())
                .idempotencyKey(claim.idempotencyKey())
                .orderDate(now)
                .orderStatus(OrderStatus.PENDING)
                .totalAmount(total)
                .items(lines)
                .version(1L)
                .reservationId(reserved.reservationId().toString())
                .updatedAt(now)
                .build();
    }

    private boolean isPlaced(StoredOrder order) {
        try {
            return orders.find(order.orderId(), order.customerId())
                    .filter(found -> found.isPlaced() && order.reservationId().equals(found.reservationId()))
                    .isPresent();
        } catch (DatastoreUnavailable e) {
            return false;
        }
    }

    private void abandon(IdempotencyRecord claim) {
        try {
            keys.release(claim);
        } catch (RuntimeException e) {
            log.warn(
                    "Order {}: could not delete the claim ({}); a retry takes it over once it is stale",
                    claim.orderId(),
                    e.getMessage());
        }
    }

    /** Milliseconds: what order_date keeps, so what we answer is what a later read answers. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
