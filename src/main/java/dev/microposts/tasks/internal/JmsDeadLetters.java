package dev.microposts.tasks.internal;

import dev.microposts.tasks.DeadLetter;
import dev.microposts.tasks.DeadLetters;
import dev.microposts.tasks.Tasks;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.support.JmsUtils;
import org.springframework.stereotype.Component;

/** The dead-letter queue read with a browser and changed in broker transactions, one message at a time. */
@Component
class JmsDeadLetters implements DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(JmsDeadLetters.class);
    // why: the id goes into a selector; anything but a broker message id is refused, not quoted
    private static final Pattern MESSAGE_ID = Pattern.compile("ID:[A-Za-z0-9:-]{1,100}");

    private final TaskConnections connections;

    JmsDeadLetters(TaskConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<DeadLetter> list(int limit) {
        Connection connection = null;
        try {
            connection = connections.open(true);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(Tasks.DEAD_LETTER_QUEUE));
            List<DeadLetter> letters = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < limit) {
                letters.add(letter((Message) messages.nextElement()));
            }
            return letters;
        } catch (JMSException e) {
            throw JmsUtils.convertJmsAccessException(e);
        } finally {
            JmsUtils.closeConnection(connection);
        }
    }

    @Override
    public boolean retry(String id) {
        return take(id, (session, message) -> {
            TextMessage again = session.createTextMessage(message instanceof TextMessage text ? text.getText() : null);
            again.setIntProperty(JmsTasks.ATTEMPT, 1);
            String queue = message.getStringProperty("queue");
            MessageProducer producer = session.createProducer(session.createQueue(Tasks.address(queue)));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(again);
            log.info("Dead-lettered task {} sent back to queue {}", id, queue);
        });
    }

    @Override
    public boolean discard(String id) {
        return take(id, (session, message) -> log.info("Dead-lettered task {} discarded", id));
    }

    private interface Action {
        void apply(Session session, Message message) throws JMSException;
    }

    /** Takes the message off the dead-letter queue and applies the action, both in one transaction. */
    private boolean take(String id, Action action) {
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            return false;
        }
        Connection connection = null;
        try {
            connection = connections.open(false);
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer =
                    session.createConsumer(session.createQueue(Tasks.DEAD_LETTER_QUEUE), "JMSMessageID = '" + id + "'");
            Message message = consumer.receive(1_000);
            if (message == null) {
                return false;
            }
            action.apply(session, message);
            session.commit();
            return true;
        } catch (JMSException e) {
            throw JmsUtils.convertJmsAccessException(e);
        } finally {
            JmsUtils.closeConnection(connection);
        }
    }

    private static DeadLetter letter(Message message) throws JMSException {
        String payload = message instanceof TextMessage text ? text.getText() : null;
        return new DeadLetter(
                message.getJMSMessageID(),
                message.getStringProperty("queue"),
                message.getStringProperty("reason"),
                message.propertyExists(JmsTasks.ATTEMPT) ? message.getIntProperty(JmsTasks.ATTEMPT) : 0,
                payload,
                Instant.ofEpochMilli(message.getJMSTimestamp()));
    }
}
