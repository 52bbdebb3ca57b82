package serverlessshop.orders.store;

/** Where a page of a customer's orders ended: the last order's date (as stored) and id. */
public record ListPosition(String orderDate, String orderId) {}
