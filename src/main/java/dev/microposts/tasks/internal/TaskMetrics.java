package dev.microposts.tasks.internal;

import dev.microposts.tasks.TaskMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one queue's tasks: how long its handlers ran, and what became of each task taken off it. Every
 * consumer of the queue holds one; the registry hands them all the same meters, so the figures are the queue's.
 */
final class TaskMetrics {

    private final Timer duration;
    private final Counter done;
    private final Counter retried;
    private final Counter gaveUp;
    private final Counter failed;
    private final Counter returned;

    TaskMetrics(MeterRegistry meters, String queue) {
        this.duration = Timer.builder("microposts.tasks.duration")
                .description("Time handlers spent on tasks")
                .tag("queue", queue)
                .publishPercentileHistogram()
                .register(meters);
        this.done = outcome(meters, queue, "done");
        this.retried = outcome(meters, queue, "retried");
        this.gaveUp = outcome(meters, queue, "gave_up");
        this.failed = outcome(meters, queue, "failed");
        this.returned = outcome(meters, queue, "returned");
    }

    private static Counter outcome(MeterRegistry meters, String queue, String outcome) {
        return Counter.builder(TaskMeters.TASKS)
                .description("Tasks taken off their queue, by what became of them")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .register(meters);
    }

    void ran(long nanos) {
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void done() {
        done.increment();
    }

    void retried() {
        retried.increment();
    }

    /** Moved to the dead-letter queue. */
    void gaveUp() {
        gaveUp.increment();
    }

    /** Ended by a permanent failure. */
    void failed() {
        failed.increment();
    }

    /** Put back on its queue by a stopping worker. */
    void returned() {
        returned.increment();
    }
}
