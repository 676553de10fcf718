package dev.microposts.bus.internal;

import dev.microposts.bus.BusMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends the bus log to the broker: it reads the log like any consumer, from its own position ({@value #CONSUMER}),
 * sends each batch as CloudEvents in JSON on the events topic in one broker transaction, and moves its position
 * once the broker has committed. A broker that is down leaves the position where it is, and the relay tries again
 * with backoff; one process at a time relays. A crash between the broker's commit and the database's sends a
 * batch twice, with the same ids: subscribers' inboxes drop the copies.
 */
@Component
class Relay implements SmartLifecycle {

    static final String CONSUMER = "bus.relay";

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final EventLog eventLog;
    private final TransactionTemplate transactions;
    private final JmsTemplate jms;
    private final ObjectMapper json;
    private final BusProperties properties;
    private final BusSignal signal;
    private final Timer lag;
    private final Tracer tracer;
    private final Propagator propagator;
    private volatile boolean running;
    private Thread thread;
    private BusSignal.Waiter waiter;

    Relay(
            EventLog eventLog,
            PlatformTransactionManager transactionManager,
            ConnectionFactory connectionFactory,
            ObjectMapper json,
            BusProperties properties,
            BusSignal signal,
            MeterRegistry meters,
            Tracer tracer,
            Propagator propagator) {
        this.eventLog = eventLog;
        this.transactions = new TransactionTemplate(transactionManager);
        // why: a template of its own: a transacted session sends a batch without waiting for the broker at each
        // message (a plain one blocks on every persistent send), and no observation per message: the relay's own
        // span of each event writes the message's trace
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.json = json;
        this.properties = properties;
        this.signal = signal;
        this.tracer = tracer;
        this.propagator = propagator;
        Gauge.builder(BusMeters.UNSENT, this, Relay::unsent)
                .description("Domain events logged but not yet sent to the broker")
                .register(meters);
        this.lag = Lag.timer(
                        "microposts.bus.relay.lag",
                        "From the moment an event happened to the moment the broker took it")
                .register(meters);
    }

    @Override
    public boolean isAutoStartup() {
        return properties.relay();
    }

    @Override
    public void start() {
        eventLog.register(CONSUMER, Relay.class.getName(), List.of());
        waiter = signal.waiter(List.of());
        running = true;
        thread = new Thread(this::loop, "bus-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
        signal.wakeAll();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            long seen = waiter.generation();
            int sent = 0;
            try {
                sent = sendBatch();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn(
                            "Relaying events failed ({}); trying again in {}",
                            e.toString(),
                            properties.relayInterval());
                }
            }
            if (sent < properties.relayBatch()) {
                try {
                    if (running) {
                        Thread.sleep(Consumers.LINGER.toMillis());
                        waiter.awaitAfter(seen, properties.relayInterval());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends one batch; answers how many events it took. */
    int sendBatch() {
        List<Instant> happened = new ArrayList<>();
        Integer sent = transactions.execute(status -> {
            if (!eventLog.tryLock(CONSUMER)) {
                return 0;
            }
            EventLog.State state = eventLog.state(CONSUMER).orElseThrow();
            if (!state.due()) {
                return 0;
            }
            EventLog.Read read = eventLog.read(state.position(), List.of(), properties.relayBatch());
            List<LoggedEvent> events = read.events();
            if (events.isEmpty()) {
                if (read.horizon().compareTo(state.position()) > 0 && state.attempts() == 0) {
                    eventLog.advance(CONSUMER, read.horizon());
                }
                return 0;
            }
            try {
                send(events);
            } catch (RuntimeException e) {
                eventLog.failed(
                        CONSUMER,
                        e.toString(),
                        properties.backoff(state.attempts() + 1).toMillis());
                log.warn(
                        "The broker did not take {} event(s) ({}); they wait and are retried",
                        events.size(),
                        e.toString());
                return 0;
            }
            eventLog.advance(
                    CONSUMER,
                    events.size() < properties.relayBatch()
                            ? read.horizon()
                            : events.get(events.size() - 1).position());
            events.forEach(event -> happened.add(event.occurredAt()));
            return events.size();
        });
        // why: measured once the position moved for good; a batch whose commit failed is sent, and measured, again
        Instant sentAt = Instant.now();
        happened.forEach(at -> lag.record(Lag.since(at, sentAt)));
        return sent == null ? 0 : sent;
    }

    private void send(List<LoggedEvent> events) {
        jms.execute(
                session -> {
                    Topic topic = session.createTopic(properties.topic());
                    try (MessageProducer producer = session.createProducer(topic)) {
                        for (LoggedEvent event : events) {
                            Span span = sendSpan(event);
                            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                                producer.send(message(session, event, span, event.version(), event.data()));
                                if (!"{}".equals(event.older())) {
                                    JsonNode older = json.readTree(event.older());
                                    for (Iterator<String> versions =
                                                    older.propertyNames().iterator();
                                            versions.hasNext(); ) {
                                        String version = versions.next();
                                        producer.send(message(
                                                session,
                                                event,
                                                span,
                                                Integer.parseInt(version),
                                                json.writeValueAsString(older.get(version))));
                                    }
                                }
                            } catch (JMSException | RuntimeException e) {
                                span.error(e);
                                throw e;
                            } finally {
                                span.end();
                            }
                        }
                    }
                    if (session.getTransacted()) {
                        session.commit();
                    }
                    return null;
                },
                true);
    }

    /** The span of sending one event, in the trace of the request or task that published it. */
    private Span sendSpan(LoggedEvent event) {
        Span.Builder builder = event.traceparent() == null
                ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of("traceparent", event.traceparent()), Map::get);
        return builder.name("relay " + event.type()).kind(Span.Kind.PRODUCER).start();
    }

    /** The message of one version of an event, with the properties subscribers select on. */
    private TextMessage message(Session session, LoggedEvent event, Span span, int version, String data)
            throws JMSException {
        String type = event.type() + ".v" + version;
        TextMessage message = session.createTextMessage(cloudEvent(json, event, version, data));
        if (event.traceparent() != null) {
            // why: subscribers continue the trace from the span of sending, a child of the publisher's
            Map<String, String> headers = new HashMap<>();
            propagator.inject(span.context(), headers, Map::put);
            message.setStringProperty("traceparent", headers.getOrDefault("traceparent", event.traceparent()));
        }
        // why: lets a subscriber pick types with a JMS selector without parsing the body
        message.setStringProperty("ce_type", type);
        message.setStringProperty("ce_id", event.id().toString());
        message.setStringProperty("ce_subject", event.subject());
        return message;
    }

    /**
     * The CloudEvent in JSON: the envelope written here, the data as the log holds it. Reachable from the
     * compatibility tests, since subscribers outside read the envelope as much as the data.
     */
    static String cloudEvent(ObjectMapper json, LoggedEvent event, int version, String data) {
        String type = event.type() + ".v" + version;
        StringBuilder body = new StringBuilder(data.length() + 400)
                .append("{\"specversion\":\"1.0\",\"id\":\"")
                .append(event.id())
                .append("\",\"source\":\"/microposts\",\"type\":")
                .append(json.writeValueAsString(type))
                .append(",\"time\":\"")
                .append(event.occurredAt())
                .append("\",\"subject\":")
                .append(json.writeValueAsString(event.subject()))
                .append(",\"datacontenttype\":\"application/json\",\"sequence\":\"")
                .append(event.seq())
                .append('"');
        if (event.traceparent() != null) {
            body.append(",\"traceparent\":").append(json.writeValueAsString(event.traceparent()));
        }
        return body.append(",\"data\":").append(data).append('}').toString();
    }

    private double unsent() {
        try {
            return eventLog.countAfter(CONSUMER);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
