package serverlessshop.products.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

/** The sweep runs on a schedule unless it is switched off (as a Lambda function must). */
class ReservationSweepScheduleTest {

    private final ReservationSweeper sweeper = mock(ReservationSweeper.class);
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(ReservationSweeper.class, () -> sweeper)
            .withUserConfiguration(ReservationSweepSchedule.class);

    @Test
    void isScheduledByDefault() {
        context.run(started -> {
            assertThat(started).hasSingleBean(ReservationSweepSchedule.class);
            assertThat(started).hasSingleBean(ScheduledAnnotationBeanPostProcessor.class);
            assertThat(started.getBean(ScheduledAnnotationBeanPostProcessor.class)
                            .getScheduledTasks())
                    .hasSize(1);
        });
    }

    @Test
    void isNotScheduledWhenSwitchedOff() {
        context.withPropertyValues("shop.reservations.sweep-enabled=false").run(started -> {
            assertThat(started).doesNotHaveBean(ReservationSweepSchedule.class);
            assertThat(started).doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class);
        });
    }

    @Test
    void sweepsTheConfiguredBatchSize() {
        context.withPropertyValues("shop.reservations.sweep-batch-size=7").run(started -> {
            started.getBean(ReservationSweepSchedule.class).sweep();

            verify(sweeper).sweep(7);
        });
    }
}
