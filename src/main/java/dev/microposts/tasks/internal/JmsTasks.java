package dev.microposts.tasks.internal;

import dev.microposts.tasks.Tasks;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;

/** Sends tasks as persistent messages over one connection, with a small pool of transacted sessions. */
@Component
class JmsTasks implements Tasks, DisposableBean {

    static final String ATTEMPT = "attempt";

    private final TaskConnections connections;
    private final TaskTracing tracing;
    private final BlockingQueue<Sender> idle = new ArrayBlockingQueue<>(16);
    private Connection connection;

    JmsTasks(TaskConnections connections, TaskTracing tracing) {
        this.connections = connections;
        this.tracing = tracing;
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
        Sender sender = null;
        try {
            sender = borrow();
            var destination = sender.session.createQueue(Tasks.address(queue));
            for (String payload : payloads) {
                TextMessage message = sender.session.createTextMessage(payload);
                message.setIntProperty(ATTEMPT, 1);
                tracing.inject(message);
                sender.producer.send(destination, message);
            }
            sender.session.commit();
            idle.offer(sender);
        } catch (JMSException e) {
            if (sender != null) {
                sender.close();
            }
            resetConnection();
            throw JmsUtils.convertJmsAccessException(e);
        }
    }

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
        resetConnection();
    }

    private record Sender(Session session, MessageProducer producer) {
        void close() {
            JmsUtils.closeSession(session);
        }
    }
}
