package serverlessshop.products.catalog;

import static serverlessshop.products.db.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.SortField;
import org.jooq.TableField;
import serverlessshop.products.db.tables.records.ProductsRecord;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ValidationFailed;

/**
 * The orders of the catalogue ({@code sort}): each is one column, then the product id in the same
 * direction, read from an index of those two columns from the cursor on (keyset pagination). A
 * cursor keeps the order it was made for (key {@code s}) and the last product's value of the column:
 * a cursor of one order means nothing in another.
 */
enum ListingOrder {
    NAME("name", PRODUCTS.NAME, false, ProductsRecord::getName, value -> value),
    PRICE("price", PRODUCTS.PRICE, false, product -> product.getPrice().toPlainString(), BigDecimal::new),
    PRICE_DESCENDING(
            "-price", PRODUCTS.PRICE, true, product -> product.getPrice().toPlainString(), BigDecimal::new),
    NEWEST(
            "newest",
            PRODUCTS.CREATED_AT,
            true,
            product -> product.getCreatedAt().toString(),
            LocalDateTime::parse);

    private static final String SORT = "s";
    private static final String ID = "id";

    private final String parameter;
    private final TableField<ProductsRecord, ?> column;
    private final boolean descending;
    private final Function<ProductsRecord, String> valueOf;
    private final Function<String, Object> parse;

    ListingOrder(
            String parameter,
            TableField<ProductsRecord, ?> column,
            boolean descending,
            Function<ProductsRecord, String> valueOf,
            Function<String, Object> parse) {
        this.parameter = parameter;
        this.column = column;
        this.descending = descending;
        this.valueOf = valueOf;
        this.parse = parse;
    }

    /** The order a {@code sort} parameter names (none: by name), or 400 naming {@code sort}. */
    static ListingOrder of(String sort) {
        if (sort == null) {
            return NAME;
        }
        return Arrays.stream(values())
                .filter(order -> order.parameter.equals(sort))
                .findFirst()
                .orElseThrow(() -> new ValidationFailed(List.of(new FieldProblem(
                        "sort",
                        "query",
                        "must be one of "
                                + Arrays.stream(values())
                                        .map(order -> order.parameter)
                                        .toList()))));
    }

    List<SortField<?>> orderBy() {
        if (descending) {
            return List.of(column.desc(), PRODUCTS.PRODUCT_ID.desc());
        }
        return List.of(column.asc(), PRODUCTS.PRODUCT_ID.asc());
    }

    /** What a page after this product starts from, for {@link serverlessshop.support.http.Cursors}. */
    Map<String, String> positionAfter(ProductsRecord last) {
        return Map.of(SORT, parameter, key(), valueOf.apply(last), ID, last.getProductId());
    }

    /**
     * The column's value and the id to seek after, from a cursor's position (one Cursors verified
     * as ours, with an id); 400 naming {@code cursor} when it was made for another order. Cursors made
     * before there were orders to choose from have no {@code s}: they are by name.
     */
    Object[] seekValues(Map<String, String> position) {
        String madeFor = position.getOrDefault(SORT, NAME.parameter);
        if (!madeFor.equals(parameter)) {
            throw badCursor("belongs to sort=" + madeFor + ", not sort=" + parameter);
        }
        String value = position.get(key());
        if (value == null || value.isBlank()) {
            throw badCursor("is not a valid cursor");
        }
        try {
            return new Object[] {parse.apply(value), position.get(ID)};
        } catch (RuntimeException e) {
            throw badCursor("is not a valid cursor");
        }
    }

    private String key() {
        return column.getName();
    }

    private static ValidationFailed badCursor(String message) {
        return new ValidationFailed(List.of(new FieldProblem("cursor", "query", message)));
    }
}
