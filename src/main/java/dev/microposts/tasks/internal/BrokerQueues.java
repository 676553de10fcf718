package dev.microposts.tasks.internal;

import dev.microposts.tasks.Tasks;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.jms.support.JmsUtils;

/**
 * Reads the task queues' figures from the broker through its management address: request messages answered
 * by the broker itself, which works the same against the embedded broker and a remote one (whose user then
 * needs the {@code manage} permission). Used by one thread at a time.
 */
final class BrokerQueues implements AutoCloseable {

    static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long ANSWER_TIMEOUT_MILLIS = 2_000;

    private final TaskConnections connections;
    private Connection connection;
    private Session session;
    private MessageProducer requests;
    private TemporaryQueue replyTo;
    private MessageConsumer replies;

    BrokerQueues(TaskConnections connections) {
        this.connections = connections;
    }

    /** The queue's figures; {@link QueueStats#EMPTY} for a queue the broker has not created yet. */
    QueueStats read(String queue) throws JMSException {
        String resource = "queue." + Tasks.address(queue);
        Long total = attribute(resource, "messageCount");
        if (total == null) {
            return QueueStats.EMPTY;
        }
        long scheduled = orZero(attribute(resource, "scheduledCount"));
        long running = orZero(attribute(resource, "deliveringCount"));
        return new QueueStats(
                Math.max(0, total - scheduled - running),
                scheduled,
                running,
                Math.max(0, orZero(attribute(resource, "firstMessageAge"))),
                orZero(attribute(resource, "consumerCount")));
    }

    private Long attribute(String resource, String name) throws JMSException {
        open();
        Message request = session.createMessage();
        request.setJMSReplyTo(replyTo);
        JMSManagementHelper.putAttribute(request, resource, name);
        requests.send(request);
        Message reply = replies.receive(ANSWER_TIMEOUT_MILLIS);
        if (reply == null) {
            throw new JMSException(
                    "the broker did not answer a management request within " + ANSWER_TIMEOUT_MILLIS + " ms");
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            return null;
        }
        try {
            return JMSManagementHelper.getResult(reply) instanceof Number number ? number.longValue() : null;
        } catch (Exception e) {
            throw new JMSException("unreadable management answer: " + e);
        }
    }

    private void open() throws JMSException {
        if (connection != null) {
            return;
        }
        try {
            connection = connections.open(true);
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue management = session.createQueue(MANAGEMENT_ADDRESS);
            requests = session.createProducer(management);
            replyTo = session.createTemporaryQueue();
            replies = session.createConsumer(replyTo);
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** Drops the connection; the next read opens a new one. */
    @Override
    public void close() {
        JmsUtils.closeConnection(connection);
        connection = null;
        session = null;
        requests = null;
        replyTo = null;
        replies = null;
    }
}
