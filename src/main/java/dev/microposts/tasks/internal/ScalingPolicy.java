package dev.microposts.tasks.internal;

import java.time.Duration;

/**
 * When a queue's consumers change, one at a time. A consumer is added only when tasks are waiting and every
 * consumer is busy, the machine has CPU to spare, and the last addition has had its cooldown to take effect; one
 * is stopped only after it has waited for work for the idle timeout. Growth needs waiting tasks and busy
 * consumers, shrinking needs an idle consumer, and the two never hold together for longer than a moment, so
 * the count cannot swing back and forth; the cooldown and the idle timeout damp it further.
 */
final class ScalingPolicy {

    enum Step {
        GROW,
        SHRINK,
        HOLD
    }

    /**
     * What a queue's consumers see at one tick.
     *
     * @param consumers consumers running (not counting those asked to stop)
     * @param busy those running a task now
     * @param longestIdle the longest any of them has waited for a task
     * @param ready tasks waiting in the queue
     * @param cpu the machine's smoothed CPU use, 0 to 1
     * @param sinceGrowth time since a consumer was last added
     */
    record Situation(int consumers, int busy, Duration longestIdle, long ready, double cpu, Duration sinceGrowth) {}

    private ScalingPolicy() {}

    static Step decide(Situation now, int min, int max, QueuesProperties.Scaling scaling) {
        if (now.consumers() < min) {
            return Step.GROW;
        }
        if (now.consumers() > max) {
            return Step.SHRINK;
        }
        boolean saturated = now.ready() > 0 && now.busy() >= now.consumers();
        if (saturated
                && now.consumers() < max
                && now.cpu() < scaling.maxCpu()
                && now.sinceGrowth().compareTo(scaling.cooldown()) >= 0) {
            return Step.GROW;
        }
        if (now.consumers() > min && now.longestIdle().compareTo(scaling.idleTimeout()) >= 0) {
            return Step.SHRINK;
        }
        return Step.HOLD;
    }
}
