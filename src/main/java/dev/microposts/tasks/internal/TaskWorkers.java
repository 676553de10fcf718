package dev.microposts.tasks.internal;

import dev.microposts.tasks.TaskHandler;
import dev.microposts.tasks.TaskMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the consumers of every queue that has a handler, and the loop that scales them: every interval it reads
 * each queue's figures from the broker (published as metrics) and lets {@link ScalingPolicy} move the queue's
 * consumers between its minimum and maximum, following its backlog and the machine's CPU. Stops them
 * gracefully: no new tasks are taken, in-flight ones get the shutdown grace to finish and are then interrupted
 * and returned to their queue.
 */
@Component
class TaskWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskWorkers.class);
    private static final String DEAD = "dead";

    private final List<TaskHandler> handlers;
    private final QueuesProperties properties;
    private final TaskConnections connections;
    private final TaskTracing tracing;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<WorkerPool> pools = new ArrayList<>();
    private final Map<String, QueueStats> queues = new ConcurrentHashMap<>();
    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private ScheduledExecutorService timekeeper;
    private ScheduledFuture<?> scaling;
    // why: a stop waits out a tick in progress, so no consumer is added and no broker connection opened after it
    private final Object scalingLock = new Object();
    private Set<String> monitored = Set.of();
    private BrokerQueues broker;
    private volatile boolean brokerAnswers;
    private volatile double cpu;
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
        timekeeper = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "task-workers");
            thread.setDaemon(true);
            return thread;
        });
        for (TaskHandler handler : handlers) {
            QueuesProperties.Queue settings = properties.settings(handler.queue());
            WorkerPool pool = new WorkerPool(
                    handler,
                    settings,
                    number -> new TaskWorker(
                            handler,
                            settings,
                            properties.tasks().pollInterval(),
                            connections,
                            tracing,
                            meters,
                            clock,
                            number),
                    meters);
            pools.add(pool);
            pool.start();
            log.info(
                    "Queue {}: {} to {} consumer(s), time limit {}, {} attempts",
                    handler.queue(),
                    pool.min(),
                    pool.max(),
                    settings.timeLimit(),
                    settings.maxAttempts());
        }
        monitored = monitored();
        monitored.forEach(this::registerQueueMeters);
        Gauge.builder(TaskMeters.BROKER_UP, this, workers -> workers.brokerAnswers ? 1 : 0)
                .description("1 when the broker answered the last reading of the queues, 0 when it did not")
                .register(meters);
        Gauge.builder("microposts.tasks.scaling.cpu", this, workers -> workers.cpu)
                .description("The machine's CPU use (0 to 1, smoothed) as the scaling loop sees it")
                .register(meters);
        broker = new BrokerQueues(connections);
        // why: a handler stuck in a child process or a blocking call only stops when interrupted
        timekeeper.scheduleWithFixedDelay(
                () -> pools.forEach(pool -> pool.workers().forEach(TaskWorker::interruptIfOverdue)),
                250,
                250,
                TimeUnit.MILLISECONDS);
        long interval = properties.tasks().scaling().interval().toMillis();
        running = true;
        scaling = timekeeper.scheduleWithFixedDelay(this::scale, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** The queues whose figures are read: those with handlers here, those configured, and the dead letters. */
    private Set<String> monitored() {
        Set<String> names = new TreeSet<>();
        handlers.forEach(handler -> names.add(handler.queue()));
        names.addAll(properties.queues().keySet());
        names.remove("default");
        names.add(DEAD);
        return names;
    }

    private void registerQueueMeters(String queue) {
        queueGauge(queue, TaskMeters.QUEUE_DEPTH, "Tasks waiting for a consumer", QueueStats::ready);
        queueGauge(queue, "microposts.tasks.queue.scheduled", "Retries waiting for their time", QueueStats::scheduled);
        queueGauge(queue, "microposts.tasks.queue.running", "Tasks handed to a consumer", QueueStats::running);
        queueGauge(queue, "microposts.tasks.queue.consumers", "Consumers in all processes", QueueStats::consumers);
        Gauge.builder(
                        TaskMeters.QUEUE_OLDEST_AGE,
                        queues,
                        stats -> stats.getOrDefault(queue, QueueStats.EMPTY).oldestAgeMillis() / 1000.0)
                .description("How long the oldest task in the queue has been there")
                .baseUnit("seconds")
                .tag("queue", queue)
                .register(meters);
    }

    private void queueGauge(String queue, String name, String description, ToDoubleFunction<QueueStats> figure) {
        Gauge.builder(name, queues, stats -> figure.applyAsDouble(stats.getOrDefault(queue, QueueStats.EMPTY)))
                .description(description)
                .tag("queue", queue)
                .register(meters);
    }

    /** One tick of the scaling loop. */
    private void scale() {
        synchronized (scalingLock) {
            if (running) {
                tick();
            }
        }
    }

    private void tick() {
        try {
            readQueues();
            double load = Math.max(0, system.getCpuLoad());
            // why: one busy second must not decide; half of each new sample is about a tick's worth of memory
            cpu = cpu == 0 ? load : (cpu + load) / 2;
            adjust();
        } catch (RuntimeException e) {
            log.warn("The task scaling loop failed this time: {}", e.toString());
        }
    }

    /** Lets the policy move each queue's consumers. */
    private void adjust() {
        for (WorkerPool pool : pools) {
            long ready = brokerAnswers
                    ? queues.getOrDefault(pool.queue(), QueueStats.EMPTY).ready()
                    : 0;
            ScalingPolicy.Step step = ScalingPolicy.decide(
                    pool.situation(ready, cpu),
                    pool.min(),
                    pool.max(),
                    properties.tasks().scaling());
            switch (step) {
                case GROW -> {
                    pool.grow();
                    log.info(
                            "Queue {}: {} task(s) waiting, every consumer busy; now {} consumer(s)",
                            pool.queue(),
                            ready,
                            pool.consumers());
                }
                case SHRINK -> {
                    pool.shrink();
                    log.info("Queue {}: a consumer had no work; now {} consumer(s)", pool.queue(), pool.consumers());
                }
                case HOLD -> {}
            }
        }
    }

    private void readQueues() {
        try {
            for (String queue : monitored) {
                queues.put(queue, broker.read(queue));
            }
            brokerAnswers = true;
        } catch (jakarta.jms.JMSException | RuntimeException e) {
            if (brokerAnswers) {
                log.warn("Could not read the task queues from the broker: {}", e.toString());
            }
            brokerAnswers = false;
            broker.close();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scaling != null) {
            scaling.cancel(false);
        }
        synchronized (scalingLock) {
            if (broker != null) {
                broker.close();
            }
        }
        List<TaskWorker> workers = new ArrayList<>();
        pools.forEach(pool -> workers.addAll(pool.workers()));
        workers.forEach(TaskWorker::requestStop);
        long deadline = System.nanoTime() + properties.tasks().shutdownGrace().toNanos();
        // why: the timekeeper keeps enforcing time limits on the tasks that finish during the grace
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
        if (timekeeper != null) {
            timekeeper.shutdownNow();
        }
        pools.clear();
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
