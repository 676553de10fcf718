package dev.microposts.support;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A standalone Artemis on a TCP port, as an operator runs one for {@code BROKER_URL}: security off, the task
 * address settings the README asks for, and optionally a persistent journal that survives a restart on the
 * same directory.
 */
public final class StandaloneBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final int port;

    private StandaloneBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    /** Starts a broker on {@code port}, keeping its files under {@code directory}. */
    public static StandaloneBroker start(Path directory, int port, boolean persistent) {
        return start(directory, port, persistent, UnaryOperator.identity());
    }

    /** The same, with the task addresses' settings changed by {@code tasks} (a size limit, say). */
    public static StandaloneBroker start(
            Path directory, int port, boolean persistent, UnaryOperator<AddressSettings> tasks) {
        // why: outside a Spring context nothing tunes logging; the broker's audit trail would flood the output
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.activemq.audit"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(persistent);
        configuration.setSecurityEnabled(false);
        configuration.setBrokerInstance(directory.toFile());
        configuration.setJournalDirectory(directory.resolve("journal").toString());
        configuration.setBindingsDirectory(directory.resolve("bindings").toString());
        configuration.setLargeMessagesDirectory(directory.resolve("large").toString());
        configuration.setPagingDirectory(directory.resolve("paging").toString());
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        try {
            configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
            configuration.addAddressSetting(
                    "tasks.#",
                    tasks.apply(new AddressSettings()
                            .setDeadLetterAddress(SimpleString.of("tasks.dead"))
                            .setMaxDeliveryAttempts(20)
                            .setRedeliveryDelay(1000)
                            .setRedeliveryMultiplier(2)
                            .setMaxRedeliveryDelay(60_000)));
            broker.setConfiguration(configuration);
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the standalone test broker", e);
        }
        return new StandaloneBroker(broker, port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void stop() {
        try {
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the standalone test broker", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
