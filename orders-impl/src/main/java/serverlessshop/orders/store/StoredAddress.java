package serverlessshop.orders.store;

/** The shipping address of an order, stored as a map attribute. */
public record StoredAddress(String street, String city, String zipCode, String country) {}
