package dev.microposts.tasks.internal;

import dev.microposts.tasks.Tasks;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;

/**
 * Sends tasks as persistent messages over one connection, with a small pool of transacted sessions.
 *
 * <p>A broker that cannot store more (its disk over its limit, say) does not refuse a send: it holds the sender
 * until it can, without end. The callers are request threads and listeners, often with a database connection
 * still held, so a send here has a time limit ({@code microposts.tasks.send-timeout}) and fails past it as it
 * would with the broker down; every caller already survives that (a part's task is sent again by the lease
 * check, a listener's delivery is retried). The waiting itself happens on a few threads of the sender's own,
 * and once they are all held by a blocked broker, further sends fail at once instead of piling up.
 */
@Component
class JmsTasks implements Tasks, DisposableBean {

    static final String ATTEMPT = "attempt";

    /** Sends that may be waiting on the broker at once; past them, sends fail without waiting. */
    private static final int MAX_WAITING_SENDS = 8;

    private final TaskConnections connections;
    private final TaskTracing tracing;
    private final Duration sendTimeout;
    private final BlockingQueue<Sender> idle = new ArrayBlockingQueue<>(16);
    private final ThreadPoolExecutor sending;
    private Connection connection;

    JmsTasks(TaskConnections connections, TaskTracing tracing, QueuesProperties properties) {
        this.connections = connections;
        this.tracing = tracing;
        this.sendTimeout = properties.tasks().sendTimeout();
        AtomicInteger threads = new AtomicInteger();
        this.sending = new ThreadPoolExecutor(
                MAX_WAITING_SENDS, MAX_WAITING_SENDS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "task-send-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.sending.allowCoreThreadTimeOut(true);
    }

    @Override
    public void enqueue(String queue, String payload) {
        enqueueAll(queue, List.of(payload));
    }

    @Override
    public void enqueueAll(String queue, List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        // why: the trace lives in this thread; the message is written on a sending thread
        List<TextMessageSpec> messages = payloads.stream()
                .map(payload -> new TextMessageSpec(payload, tracing.currentHeaders()))
                .toList();
        Future<?> sent;
        try {
            sent = sending.submit(() -> send(queue, messages));
        } catch (RejectedExecutionException e) {
            throw new UncategorizedJmsException("Every task sender is waiting for the broker to take a message;"
                    + " not sending to " + queue + " now");
        }
        try {
            sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // why: the send goes on waiting on its own thread; if the broker takes it after all, the task runs,
            // and every task is safe to run twice
            throw new UncategorizedJmsException(
                    "The broker did not take a task for " + queue + " within " + sendTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncategorizedJmsException("Interrupted while sending a task to " + queue, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new UncategorizedJmsException("Could not send a task to " + queue, e.getCause());
        }
    }

    private Void send(String queue, List<TextMessageSpec> messages) {
        Sender sender = null;
        try {
            sender = borrow();
            var destination = sender.session.createQueue(Tasks.address(queue));
            for (TextMessageSpec spec : messages) {
                TextMessage message = sender.session.createTextMessage(spec.payload());
                message.setIntProperty(ATTEMPT, 1);
                for (var header : spec.headers().entrySet()) {
                    message.setStringProperty(header.getKey(), header.getValue());
                }
                sender.producer.send(destination, message);
            }
            sender.session.commit();
            idle.offer(sender);
            return null;
        } catch (JMSException e) {
            if (sender != null) {
                sender.close();
            }
            resetConnection();
            throw JmsUtils.convertJmsAccessException(e);
        }
    }

    private record TextMessageSpec(String payload, Map<String, String> headers) {}

    private Sender borrow() throws JMSException {
        Sender sender = idle.poll();
        if (sender != null) {
            return sender;
        }
        Session session = connection().createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        return new Sender(session, producer);
    }

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            connection = connections.open(true);
        }
        return connection;
    }

    private synchronized void resetConnection() {
        Sender sender;
        while ((sender = idle.poll()) != null) {
            sender.close();
        }
        JmsUtils.closeConnection(connection);
        connection = null;
    }

    @Override
    public void destroy() {
        sending.shutdownNow();
        resetConnection();
    }

    private record Sender(Session session, MessageProducer producer) {
        void close() {
            JmsUtils.closeSession(session);
        }
    }
}
