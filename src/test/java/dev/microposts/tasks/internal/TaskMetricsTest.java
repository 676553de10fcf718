package dev.microposts.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void countsEachOutcomeUnderItsOwnTag() {
        TaskMetrics metrics = new TaskMetrics(meters, "probe");

        metrics.done();
        metrics.done();
        metrics.retried();
        metrics.gaveUp();
        metrics.failed();
        metrics.returned();

        assertThat(count("probe", "done")).isEqualTo(2);
        assertThat(count("probe", "retried")).isEqualTo(1);
        assertThat(count("probe", "gave_up")).isEqualTo(1);
        assertThat(count("probe", "failed")).isEqualTo(1);
        assertThat(count("probe", "returned")).isEqualTo(1);
    }

    @Test
    void theConsumersOfOneQueueAddUpAndOtherQueuesStayApart() {
        new TaskMetrics(meters, "probe").done();
        new TaskMetrics(meters, "probe").done();
        new TaskMetrics(meters, "thumbnail").done();

        assertThat(count("probe", "done")).isEqualTo(2);
        assertThat(count("thumbnail", "done")).isEqualTo(1);
    }

    @Test
    void recordsHowLongHandlersRan() {
        TaskMetrics metrics = new TaskMetrics(meters, "probe");

        metrics.ran(Duration.ofMillis(1500).toNanos());

        var timer =
                meters.get("microposts.tasks.duration").tag("queue", "probe").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }

    private double count(String queue, String outcome) {
        return meters.get("microposts.tasks")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
