package serverlessshop.products.catalog;

import static serverlessshop.products.db.Tables.PRODUCTS;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import serverlessshop.support.problem.FieldProblem;
import serverlessshop.support.problem.ValidationFailed;

/** The catalogue's {@code min_price} and {@code max_price}, both inclusive; either may be absent. */
record PriceRange(BigDecimal min, BigDecimal max) {

    /** Up to eight digits, then at most two decimals: what a DECIMAL(10, 2) price can be. */
    private static final String AMOUNT = "[0-9]{1,8}(\\.[0-9]{1,2})?";

    /**
     * The range of the parameters as sent, or 400 naming each that is not an amount, and
     * {@code max_price} when it is below {@code min_price}.
     */
    static PriceRange of(String min, String max) {
        List<FieldProblem> errors = new ArrayList<>();
        BigDecimal from = amount("min_price", min, errors);
        BigDecimal to = amount("max_price", max, errors);
        if (from != null && to != null && to.compareTo(from) < 0) {
            errors.add(new FieldProblem("max_price", "query", "must not be below min_price"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new PriceRange(from, to);
    }

    Condition condition() {
        Condition condition = DSL.noCondition();
        if (min != null) {
            condition = condition.and(PRODUCTS.PRICE.ge(min));
        }
        if (max != null) {
            condition = condition.and(PRODUCTS.PRICE.le(max));
        }
        return condition;
    }

    private static BigDecimal amount(String parameter, String value, List<FieldProblem> errors) {
        if (value == null) {
            return null;
        }
        // The contract's pattern, checked here too: the service must not rely on every caller's binding.
        if (!value.matches(AMOUNT)) {
            errors.add(new FieldProblem(parameter, "query", "must be an amount with at most two decimals"));
            return null;
        }
        return new BigDecimal(value);
    }
}
