package dev.microposts.tasks;

/**
 * The names of the task queues' metrics that other modules read (the operations dashboard samples them, alert
 * rules watch them). The tasks module registers them; writing each name once here keeps a rename from silently
 * emptying a chart or disarming an alert.
 */
public final class TaskMeters {

    /** Counter of tasks taken off a queue, tagged {@code queue} and {@code outcome}. */
    public static final String TASKS = "microposts.tasks";

    /** Gauge of tasks waiting for a consumer, per {@code queue} (the dead-letter queue included). */
    public static final String QUEUE_DEPTH = "microposts.tasks.queue.depth";

    /** Gauge of the age in seconds of the oldest task waiting, per {@code queue}. */
    public static final String QUEUE_OLDEST_AGE = "microposts.tasks.queue.oldest.age";

    /** Gauges of this process's consumers per {@code queue}: running, busy, and the pool's bounds. */
    public static final String WORKERS = "microposts.tasks.workers";

    public static final String WORKERS_BUSY = "microposts.tasks.workers.busy";
    public static final String WORKERS_MIN = "microposts.tasks.workers.min";
    public static final String WORKERS_MAX = "microposts.tasks.workers.max";

    /** Gauge: 1 while the broker answers this process, else 0. */
    public static final String BROKER_UP = "microposts.broker.up";

    private TaskMeters() {}
}
