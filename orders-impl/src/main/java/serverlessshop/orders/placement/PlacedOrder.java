package serverlessshop.orders.placement;

import serverlessshop.orders.store.StoredOrder;

/** The placed order, and whether an earlier request with the same key had placed it. */
record PlacedOrder(StoredOrder order, boolean replayed) {}
