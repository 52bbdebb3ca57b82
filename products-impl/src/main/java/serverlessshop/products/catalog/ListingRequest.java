package serverlessshop.products.catalog;

/**
 * What a listing of the catalogue asks for: a page of {@code limit} products in this order after the
 * cursor (null: the first page), narrowed by every filter given (null: not given).
 */
record ListingRequest(
        int limit, String cursor, ListingOrder order, String text, String category, PriceRange prices, Boolean active) {

    /** The request of the API's parameters as sent, or 400 naming the parameter that cannot be one. */
    static ListingRequest of(
            int limit,
            String cursor,
            String sort,
            String category,
            String minPrice,
            String maxPrice,
            String text,
            Boolean active) {
        return new ListingRequest(
                limit, cursor, ListingOrder.of(sort), text, category, PriceRange.of(minPrice, maxPrice), active);
    }
}
