package serverlessshop.orders.stock;

import serverlessshop.support.problem.ServiceUnavailable;

/**
 * The products service (or the issuer of the machine token) could not be reached, timed out or
 * failed: 503 with Retry-After. Whoever catches it has already made sure nothing stays reserved.
 */
public class ProductsUnavailable extends ServiceUnavailable {

    public ProductsUnavailable() {
        super(
                "The products service is unavailable for a moment; nothing was ordered or reserved. "
                        + "Try again shortly with the same Idempotency-Key.",
                2);
    }
}
