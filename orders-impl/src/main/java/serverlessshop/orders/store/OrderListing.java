package serverlessshop.orders.store;

import java.util.List;

/** One page of a customer's orders, newest first, and where the next page starts (null on the last). */
public record OrderListing(List<StoredOrder> orders, ListPosition next) {}
