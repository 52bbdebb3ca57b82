package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class LockConflictsTest {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aDeadlockVictimRunsAgain() {
        String result = LockConflicts.retry(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new CannotAcquireLockException("Deadlock found when trying to get lock");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void afterThreeAttemptsTheConflictIsReported() {
        assertThatThrownBy(() -> LockConflicts.retry(() -> {
                    attempts.incrementAndGet();
                    throw new CannotAcquireLockException("Lock wait timeout exceeded");
                }))
                .isInstanceOf(CannotAcquireLockException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThatThrownBy(() -> LockConflicts.retry(() -> {
                    attempts.incrementAndGet();
                    throw new DataIntegrityViolationException("duplicate");
                }))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(attempts).hasValue(1);
    }
}
