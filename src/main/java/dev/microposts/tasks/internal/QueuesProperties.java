package dev.microposts.tasks.internal;

import dev.microposts.retry.Backoff;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code microposts.queues.<name>.*}: one entry per queue (e.g. {@code MICROPOSTS_QUEUES_TRANSCODE_CONCURRENCY}),
 * with the entry {@code default} applying to every queue that does not say otherwise; and {@code
 * microposts.tasks.*} for the workers as a whole.
 *
 * @param queues per-queue settings, by queue name; missing values come from {@code default}
 * @param tasks settings of the workers as a whole
 */
@ConfigurationProperties("microposts")
record QueuesProperties(Map<String, Queue> queues, Workers tasks) {

    QueuesProperties {
        queues = queues == null ? Map.of() : queues;
        tasks = tasks == null ? new Workers(null, null, null, null, null) : tasks;
    }

    Queue settings(String name) {
        return Queue.BUILT_IN.merge(queues.get("default")).merge(queues.get(name));
    }

    /**
     * @param workers whether this process consumes tasks at all (admin commands do not)
     * @param shutdownGrace how long a stopping process lets in-flight tasks finish before returning them
     * @param pollInterval how long an idle consumer waits for a message before checking whether to stop
     * @param scaling how the consumers of each queue follow its backlog
     * @param sendTimeout longest wait for the broker to take a task; past it the send fails, as with the broker
     *     down, and the caller goes on (a broker whose disk is full blocks senders without end)
     */
    record Workers(
            Boolean workers, Duration shutdownGrace, Duration pollInterval, Scaling scaling, Duration sendTimeout) {
        Workers {
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
            workers = workers == null || workers;
            shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            scaling = scaling == null ? new Scaling(null, null, null, null) : scaling;
        }
    }

    /**
     * {@code microposts.tasks.scaling.*}: the loop that moves each queue's consumers between its minimum and
     * maximum.
     *
     * @param interval how often the queues are read from the broker and the consumers adjusted
     * @param idleTimeout how long a consumer above the minimum may wait for work before it is stopped
     * @param cooldown the least time between two additions to one queue, so each can take effect first
     * @param maxCpu the machine's CPU use (0 to 1, smoothed) from which no consumer is added to any queue
     */
    record Scaling(Duration interval, Duration idleTimeout, Duration cooldown, Double maxCpu) {
        Scaling {
            interval = interval == null ? Duration.ofSeconds(2) : interval;
            idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
            cooldown = cooldown == null ? Duration.ofSeconds(5) : cooldown;
            maxCpu = maxCpu == null ? 0.9 : maxCpu;
        }
    }

    /**
     * @param concurrency the most consumers of this queue in this process; 0 leaves the queue to other processes
     * @param minConcurrency the fewest consumers, kept even when the queue is empty; at most {@code concurrency}
     * @param prefetch whether a consumer buffers tasks ahead; off for long tasks, so idle workers elsewhere get them
     * @param timeLimit longest run of one attempt; the worker interrupts it (killing child processes)
     * @param maxAttempts attempts before giving up on transient failures
     * @param backoff delay before the first retry, doubled for each further one
     * @param maxBackoff the longest delay between two attempts
     * @param batch most tasks acknowledged in one broker transaction
     */
    record Queue(
            Integer concurrency,
            Integer minConcurrency,
            Boolean prefetch,
            Duration timeLimit,
            Integer maxAttempts,
            Duration backoff,
            Duration maxBackoff,
            Integer batch) {

        static final Queue BUILT_IN =
                new Queue(1, 1, true, Duration.ofMinutes(5), 5, Duration.ofSeconds(2), Duration.ofMinutes(5), 100);

        Queue merge(Queue override) {
            if (override == null) {
                return this;
            }
            return new Queue(
                    or(override.concurrency, concurrency),
                    or(override.minConcurrency, minConcurrency),
                    or(override.prefetch, prefetch),
                    or(override.timeLimit, timeLimit),
                    or(override.maxAttempts, maxAttempts),
                    or(override.backoff, backoff),
                    or(override.maxBackoff, maxBackoff),
                    or(override.batch, batch));
        }

        /** The fewest consumers in force: never more than the most. */
        int floor() {
            return Math.max(0, Math.min(minConcurrency, concurrency));
        }

        /** The waits between the attempts of a task that keeps failing. */
        Backoff retryBackoff() {
            return new Backoff(backoff, maxBackoff);
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }
}
