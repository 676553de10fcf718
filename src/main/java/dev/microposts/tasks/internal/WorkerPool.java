package dev.microposts.tasks.internal;

import dev.microposts.tasks.TaskHandler;
import dev.microposts.tasks.TaskMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** The consumers of one queue in this process, between the queue's minimum and maximum. */
final class WorkerPool {

    private final TaskHandler handler;
    private final QueuesProperties.Queue settings;
    private final IntFunction<TaskWorker> workerFactory;
    private final List<TaskWorker> workers = new CopyOnWriteArrayList<>();
    private final Counter grew;
    private final Counter shrank;
    private int nextNumber = 1;
    private long lastGrowth = System.nanoTime() - Duration.ofDays(1).toNanos();

    WorkerPool(
            TaskHandler handler,
            QueuesProperties.Queue settings,
            IntFunction<TaskWorker> workerFactory,
            MeterRegistry meters) {
        this.handler = handler;
        this.settings = settings;
        this.workerFactory = workerFactory;
        String queue = handler.queue();
        Gauge.builder(TaskMeters.WORKERS, this, WorkerPool::consumers)
                .description("Consumers of the queue in this process")
                .tag("queue", queue)
                .register(meters);
        Gauge.builder(TaskMeters.WORKERS_BUSY, this, WorkerPool::busy)
                .description("Consumers of the queue in this process running a task now")
                .tag("queue", queue)
                .register(meters);
        Gauge.builder(TaskMeters.WORKERS_MIN, this, pool -> pool.min())
                .description("The fewest consumers of the queue in this process")
                .tag("queue", queue)
                .register(meters);
        Gauge.builder(TaskMeters.WORKERS_MAX, this, pool -> pool.max())
                .description("The most consumers of the queue in this process")
                .tag("queue", queue)
                .register(meters);
        this.grew = scaled(meters, queue, "up");
        this.shrank = scaled(meters, queue, "down");
    }

    private static Counter scaled(MeterRegistry meters, String queue, String direction) {
        return Counter.builder("microposts.tasks.workers.scaled")
                .description("Consumers added to or stopped from the queue by the scaling loop")
                .tag("queue", queue)
                .tag("direction", direction)
                .register(meters);
    }

    String queue() {
        return handler.queue();
    }

    int min() {
        return settings.floor();
    }

    int max() {
        return settings.concurrency();
    }

    /** Consumers running and not asked to stop. */
    int consumers() {
        return (int) workers.stream().filter(w -> !w.stopping()).count();
    }

    int busy() {
        return (int) workers.stream().filter(w -> !w.stopping() && w.busy()).count();
    }

    List<TaskWorker> workers() {
        return workers;
    }

    /** What the scaling policy needs to know of this pool, given the queue's waiting tasks and the CPU. */
    synchronized ScalingPolicy.Situation situation(long ready, double cpu) {
        workers.removeIf(TaskWorker::stopped);
        Duration longestIdle = workers.stream()
                .filter(w -> !w.stopping())
                .map(TaskWorker::idleFor)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        return new ScalingPolicy.Situation(
                consumers(), busy(), longestIdle, ready, cpu, Duration.ofNanos(System.nanoTime() - lastGrowth));
    }

    /** Starts the minimum of consumers. */
    synchronized void start() {
        while (consumers() < min()) {
            add();
        }
    }

    /** Starts one more consumer. */
    synchronized void grow() {
        add();
        lastGrowth = System.nanoTime();
        grew.increment();
    }

    private void add() {
        TaskWorker worker = workerFactory.apply(nextNumber++);
        workers.add(worker);
        worker.start();
    }

    /** Stops the consumer that has waited longest for work; it leaves once its current wait is over. */
    synchronized void shrink() {
        workers.stream()
                .filter(w -> !w.stopping())
                .max(Comparator.comparing(TaskWorker::idleFor))
                .ifPresent(worker -> {
                    worker.requestStop();
                    shrank.increment();
                });
    }

    @Override
    public String toString() {
        return "Queue " + queue();
    }
}
