package dev.microposts.tasks.internal;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.io.IOException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.boot.jms.ConnectionFactoryUnwrapper;
import org.springframework.stereotype.Component;

/**
 * Opens broker connections for producers and consumers of tasks. Consumers of long tasks get a factory that
 * buffers no messages ahead, so a busy worker never sits on tasks an idle worker elsewhere could run.
 */
@Component
class TaskConnections {

    private final ActiveMQConnectionFactory buffered;
    private final ActiveMQConnectionFactory unbuffered;

    TaskConnections(ConnectionFactory connectionFactory) throws IOException {
        // why: Spring's caching wrapper shares one connection and caches consumers; the workers manage their own
        ConnectionFactory target = ConnectionFactoryUnwrapper.unwrap(connectionFactory);
        if (!(target instanceof ActiveMQConnectionFactory artemis)) {
            throw new IllegalStateException("Tasks need an Artemis connection factory, found " + target.getClass());
        }
        this.buffered = artemis;
        this.unbuffered = new ActiveMQConnectionFactory(artemis.toURI().toString());
        this.unbuffered.setUser(artemis.getUser());
        this.unbuffered.setPassword(artemis.getPassword());
        this.unbuffered.setConsumerWindowSize(0);
    }

    Connection open(boolean prefetch) throws JMSException {
        ActiveMQConnectionFactory factory = prefetch ? buffered : unbuffered;
        Connection connection = factory.createConnection();
        connection.start();
        return connection;
    }
}
