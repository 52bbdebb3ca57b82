package serverlessshop.products.stock;

/** One requested product and quantity, with its position in the request for error messages. */
record RequestedItem(int index, String productId, int quantity) {

    String field() {
        return "items[" + index + "].product_id";
    }
}
