package serverlessshop.products.stock;

import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs a transaction again when the database chose it as a deadlock victim or it waited too long
 * for a lock: it was rolled back entirely, so running it again is safe. The transactions here
 * lock rows in one order to avoid deadlocks, but InnoDB's next-key locks can still produce one
 * now and then, and MySQL's manual asks applications to be ready for it.
 */
final class LockConflicts {

    private static final int ATTEMPTS = 3;

    private LockConflicts() {}

    static <T> T retry(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
