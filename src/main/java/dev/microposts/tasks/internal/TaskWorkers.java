package dev.microposts.tasks.internal;

import dev.microposts.tasks.TaskHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the consumers of every queue that has a handler, as many per queue as its concurrency says, and stops
 * them gracefully: no new tasks are taken, in-flight ones get the shutdown grace to finish and are then
 * interrupted and returned to their queue.
 */
@Component
class TaskWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskWorkers.class);

    private final List<TaskHandler> handlers;
    private final QueuesProperties properties;
    private final TaskConnections connections;
    private final TaskTracing tracing;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<TaskWorker> workers = new ArrayList<>();
    private ScheduledExecutorService timekeeper;
    private volatile boolean running;

    TaskWorkers(
            List<TaskHandler> handlers,
            QueuesProperties properties,
            TaskConnections connections,
            TaskTracing tracing,
            MeterRegistry meters,
            Clock clock) {
        this.handlers = handlers;
        this.properties = properties;
        this.connections = connections;
        this.tracing = tracing;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        timekeeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "task-time-limits");
            thread.setDaemon(true);
            return thread;
        });
        for (TaskHandler handler : handlers) {
            QueuesProperties.Queue settings = properties.settings(handler.queue());
            for (int i = 1; i <= settings.concurrency(); i++) {
                TaskWorker worker = new TaskWorker(
                        handler, settings, properties.tasks().pollInterval(), connections, tracing, meters, clock, i);
                workers.add(worker);
                worker.start();
            }
            log.info(
                    "Queue {}: {} consumer(s), time limit {}, {} attempts",
                    handler.queue(),
                    settings.concurrency(),
                    settings.timeLimit(),
                    settings.maxAttempts());
        }
        // why: a handler stuck in a child process or a blocking call only stops when interrupted
        timekeeper.scheduleWithFixedDelay(
                () -> workers.forEach(TaskWorker::interruptIfOverdue), 250, 250, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        workers.forEach(TaskWorker::requestStop);
        long deadline = System.nanoTime() + properties.tasks().shutdownGrace().toNanos();
        for (TaskWorker worker : workers) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (!worker.awaitStopped(left)) {
                log.warn("{} did not finish its task within the shutdown grace; returning it to the queue", worker);
                worker.interruptForShutdown();
            }
        }
        for (TaskWorker worker : workers) {
            if (!worker.awaitStopped(10_000)) {
                log.error("{} did not stop; its task will be redelivered by the broker", worker);
            }
        }
        workers.clear();
        if (timekeeper != null) {
            timekeeper.shutdownNow();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return properties.tasks().workers();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
