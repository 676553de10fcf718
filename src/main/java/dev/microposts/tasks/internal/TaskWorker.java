package dev.microposts.tasks.internal;

import dev.microposts.retry.Backoff;
import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskFailure;
import dev.microposts.tasks.TaskHandler;
import dev.microposts.tasks.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.support.JmsUtils;

/**
 * One consumer thread of one queue. It takes a task, runs the handler, and acknowledges it in a broker
 * transaction together with what the task led to: its follow-up tasks, a delayed copy for a retry, or a copy
 * on the dead-letter queue. Fast tasks are acknowledged in batches (one commit for many), slow ones at once.
 */
final class TaskWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TaskWorker.class);
    private static final long BATCH_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    private final TaskHandler handler;
    private final QueuesProperties.Queue settings;
    private final RetryPolicy retries;
    private final Duration pollInterval;
    private final TaskConnections connections;
    private final TaskTracing tracing;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final TaskMetrics metrics;

    private volatile boolean stopping;
    private volatile boolean busy;
    private volatile long idleSince = System.nanoTime();
    private boolean shutdownInterrupt;
    private boolean timedOut;
    private Instant runningUntil;

    TaskWorker(
            TaskHandler handler,
            QueuesProperties.Queue settings,
            Duration pollInterval,
            TaskConnections connections,
            TaskTracing tracing,
            MeterRegistry meters,
            Clock clock,
            int number) {
        this.handler = handler;
        this.settings = settings;
        this.retries = RetryPolicy.of(settings);
        this.pollInterval = pollInterval;
        this.connections = connections;
        this.tracing = tracing;
        this.clock = clock;
        this.thread = new Thread(this, "task-" + handler.queue() + "-" + number);
        this.metrics = new TaskMetrics(meters, handler.queue());
    }

    void start() {
        thread.start();
    }

    void requestStop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    boolean stopped() {
        return stopped.getCount() == 0;
    }

    /** Whether a handler is running a task right now. */
    boolean busy() {
        return busy;
    }

    /** How long it has been waiting for a task; zero while it runs one. */
    Duration idleFor() {
        return busy ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - idleSince);
    }

    boolean awaitStopped(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    synchronized void interruptForShutdown() {
        if (runningUntil != null) {
            shutdownInterrupt = true;
            thread.interrupt();
        }
    }

    synchronized void interruptIfOverdue() {
        if (runningUntil != null && !timedOut && clock.instant().isAfter(runningUntil)) {
            timedOut = true;
            log.warn("{}: task ran past its time limit of {}; interrupting it", thread.getName(), settings.timeLimit());
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        int failedConnections = 0;
        try {
            while (!stopping) {
                try {
                    consume();
                    failedConnections = 0;
                } catch (JMSException | RuntimeException e) {
                    if (stopping) {
                        break;
                    }
                    Duration reconnectDelay = RECONNECT.afterFailures(++failedConnections);
                    log.warn(
                            "{}: broker connection failed ({}); reconnecting in {} ms",
                            thread.getName(),
                            e.toString(),
                            reconnectDelay.toMillis());
                    pause(reconnectDelay);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Consumes until asked to stop; returns normally only then. */
    private void consume() throws JMSException {
        Connection connection = connections.open(settings.prefetch());
        try {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(Tasks.address(handler.queue()));
            MessageConsumer consumer = session.createConsumer(queue);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            int uncommitted = 0;
            long batchStart = 0;
            while (!stopping) {
                Message message =
                        uncommitted == 0 ? consumer.receive(pollInterval.toMillis()) : consumer.receiveNoWait();
                if (message == null) {
                    if (uncommitted > 0) {
                        session.commit();
                        uncommitted = 0;
                    }
                    continue;
                }
                if (uncommitted == 0) {
                    batchStart = System.nanoTime();
                }
                if (!traced(message, session, producer)) {
                    // why: the effects of a give-up could not be recorded; let the broker redeliver later
                    session.rollback();
                    uncommitted = 0;
                    pause(settings.backoff());
                    continue;
                }
                uncommitted++;
                if (uncommitted >= settings.batch() || System.nanoTime() - batchStart > BATCH_WINDOW_NANOS) {
                    session.commit();
                    uncommitted = 0;
                }
            }
            if (uncommitted > 0) {
                session.commit();
            }
        } finally {
            JmsUtils.closeConnection(connection);
        }
    }

    /** {@link #process} in the trace the message carries, so its log lines and follow-ups continue it. */
    private boolean traced(Message message, Session session, MessageProducer producer) throws JMSException {
        Span span = tracing.start(message, handler.queue());
        try (Tracer.SpanInScope scope = tracing.inScope(span)) {
            return process(message, session, producer);
        } finally {
            span.end();
        }
    }

    /** Runs one task and stages its outcome in the session; false when the session must be rolled back. */
    private boolean process(Message message, Session session, MessageProducer producer) throws JMSException {
        String payload = message instanceof TextMessage text ? text.getText() : null;
        int enqueuedAttempt = message.propertyExists(JmsTasks.ATTEMPT) ? message.getIntProperty(JmsTasks.ATTEMPT) : 1;
        // why: a redelivery after a crash or rollback counts as an attempt too, so a poison task cannot loop
        int redeliveries = message.propertyExists("JMSXDeliveryCount")
                ? Math.max(0, message.getIntProperty("JMSXDeliveryCount") - 1)
                : 0;
        int attempt = enqueuedAttempt + redeliveries;
        Instant deadline = clock.instant().plus(settings.timeLimit());
        Task task = new Task(handler.queue(), payload, attempt, settings.maxAttempts(), deadline);
        if (payload == null) {
            return deadLetter(task, "not a text message", session, producer);
        }
        Optional<TaskFailure> abandoned = retries.abandoned(attempt, redeliveries);
        if (abandoned.isPresent()) {
            return giveUp(task, abandoned.get(), session, producer);
        }
        Throwable failure = runHandler(task);
        if (failure == null) {
            for (Task.FollowUp followUp : task.followUps()) {
                send(session, producer, followUp.queue(), followUp.payload(), 1, 0);
            }
            metrics.done();
            return true;
        }
        return settle(task, enqueuedAttempt, failure, session, producer);
    }

    /** Runs the handler under the task's time limit; what it threw, or null when it completed. */
    private Throwable runHandler(Task task) {
        Throwable failure = null;
        long started = System.nanoTime();
        synchronized (this) {
            runningUntil = task.deadline();
            timedOut = false;
            shutdownInterrupt = false;
        }
        busy = true;
        try {
            handler.handle(task);
        } catch (Throwable e) {
            failure = e;
        } finally {
            synchronized (this) {
                runningUntil = null;
                // why: an interrupt meant for the handler must not break the broker calls that follow
                Thread.interrupted();
            }
            idleSince = System.nanoTime();
            busy = false;
            metrics.ran(System.nanoTime() - started);
        }
        return failure;
    }

    /** Carries out what {@link RetryPolicy} decides for a task whose attempt failed. */
    private boolean settle(Task task, int enqueuedAttempt, Throwable failure, Session session, MessageProducer producer)
            throws JMSException {
        int attempt = task.attempt();
        String payload = task.payload();
        RetryPolicy.Verdict verdict = retries.afterFailure(attempt, failure, interruption());
        switch (verdict.outcome()) {
            case PUT_BACK -> {
                // why: as the attempt it was enqueued as; the interrupt was this process's doing, not the task's
                send(session, producer, handler.queue(), payload, enqueuedAttempt, 0);
                metrics.returned();
            }
            case FAIL_FOR_GOOD -> {
                return failForGood(task, verdict.failure());
            }
            case CRASH -> throw (Error) failure;
            case GIVE_UP -> {
                return giveUp(task, verdict.failure(), session, producer);
            }
            case RETRY -> {
                log.warn(
                        "{}: task failed on attempt {} of {} ({}); retrying in {} s",
                        thread.getName(),
                        attempt,
                        settings.maxAttempts(),
                        failure.toString(),
                        verdict.delay().toSeconds());
                send(
                        session,
                        producer,
                        handler.queue(),
                        payload,
                        attempt + 1,
                        verdict.delay().toMillis());
                metrics.retried();
            }
        }
        return true;
    }

    private RetryPolicy.Interruption interruption() {
        if (shutdownInterrupt) {
            return RetryPolicy.Interruption.SHUTDOWN;
        }
        return timedOut ? RetryPolicy.Interruption.TIME_LIMIT : RetryPolicy.Interruption.NONE;
    }

    /**
     * A failure no attempt can fix, such as a file that is not a video: the handler records it where its users
     * see it, and the task is acknowledged. It does not go to the dead-letter queue, which is for the operators:
     * their Retry would fail the same way, and the mistake is not theirs to fix.
     */
    private boolean failForGood(Task task, TaskFailure failure) {
        try {
            handler.gaveUp(task, failure);
        } catch (RuntimeException e) {
            log.warn("{}: could not record a task's failure ({}); it stays queued", thread.getName(), e.toString());
            return false;
        }
        log.info(
                "{}: task failed for good on attempt {} ({}): {}",
                thread.getName(),
                task.attempt(),
                failure.kind(),
                failure.reason());
        metrics.failed();
        return true;
    }

    private boolean giveUp(Task task, TaskFailure failure, Session session, MessageProducer producer)
            throws JMSException {
        try {
            handler.gaveUp(task, failure);
        } catch (RuntimeException e) {
            log.warn("{}: could not record giving up on a task ({}); it stays queued", thread.getName(), e.toString());
            return false;
        }
        return deadLetter(task, failure.reason(), session, producer);
    }

    private boolean deadLetter(Task task, String reason, Session session, MessageProducer producer)
            throws JMSException {
        log.warn("{}: giving up on a task after attempt {}: {}", thread.getName(), task.attempt(), reason);
        TextMessage dead = session.createTextMessage(task.payload());
        dead.setStringProperty("queue", task.queue());
        dead.setStringProperty("reason", reason);
        dead.setIntProperty(JmsTasks.ATTEMPT, task.attempt());
        tracing.inject(dead);
        producer.send(session.createQueue(Tasks.DEAD_LETTER_QUEUE), dead);
        metrics.gaveUp();
        return true;
    }

    private void send(
            Session session, MessageProducer producer, String queue, String payload, int attempt, long delayMillis)
            throws JMSException {
        TextMessage message = session.createTextMessage(payload);
        message.setIntProperty(JmsTasks.ATTEMPT, attempt);
        tracing.inject(message);
        producer.setDeliveryDelay(delayMillis);
        producer.send(session.createQueue(Tasks.address(queue)), message);
        producer.setDeliveryDelay(0);
    }

    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        while (!stopping && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
