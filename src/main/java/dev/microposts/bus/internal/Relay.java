package dev.microposts.bus.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the bus log to the broker: unsent events, oldest first, each as a CloudEvent in JSON on the events
 * topic, in one broker transaction per batch, and marks them sent in the database transaction that locked them.
 * A broker that is down leaves them unsent, retried with backoff; several processes relay side by side, each
 * taking the rows the others have not locked. A crash between the broker commit and the database commit
 * sends a batch twice, with the same ids: subscribers' inboxes drop the copies.
 */
@Component
class Relay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JmsTemplate jms;
    private final ObjectMapper json;
    private final BusProperties properties;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final Object signal = new Object();
    private final Timer lag;
    private final Tracer tracer;
    private final Propagator propagator;
    private volatile boolean running;
    private Thread thread;

    Relay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JmsTemplate jms,
            ObjectMapper json,
            BusProperties properties,
            MeterRegistry meters,
            Tracer tracer,
            Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jms = jms;
        this.json = json;
        this.properties = properties;
        Gauge.builder("microposts.bus.unsent", this, Relay::unsent)
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
        running = true;
        thread = new Thread(this::loop, "bus-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Called after each commit that logged an event: send it now rather than at the next interval. */
    void wake() {
        woken.set(true);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                boolean more;
                do {
                    woken.set(false);
                    more = sendBatch() == properties.relayBatch();
                } while (more && running);
            } catch (RuntimeException e) {
                log.warn("Relaying events failed ({}); trying again in {}", e.toString(), properties.relayInterval());
            }
            synchronized (signal) {
                if (!woken.get() && running) {
                    try {
                        signal.wait(properties.relayInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Sends one batch; answers how many events it took. */
    int sendBatch() {
        List<Instant> happened = new ArrayList<>();
        Integer sent = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("select seq, id, type, version, subject, occurred_at, data, older,"
                            + " traceparent, send_attempts from bus_events where sent_at is null and next_attempt_at <= now()"
                            + " order by seq limit ? for update skip locked")
                    .param(properties.relayBatch())
                    .query(this::row)
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            try {
                send(rows);
            } catch (RuntimeException e) {
                for (Row row : rows) {
                    jdbc.sql("update bus_events set send_attempts = send_attempts + 1, next_attempt_at = ?,"
                                    + " last_error = ? where seq = ?")
                            .params(
                                    java.sql.Timestamp.from(Instant.now().plus(properties.backoff(row.attempts() + 1))),
                                    e.toString(),
                                    row.seq())
                            .update();
                }
                log.warn(
                        "The broker did not take {} event(s) ({}); they wait and are retried",
                        rows.size(),
                        e.toString());
                return 0;
            }
            jdbc.sql("update bus_events set sent_at = now(), last_error = null where seq in (:seqs)")
                    .param("seqs", rows.stream().map(Row::seq).toList())
                    .update();
            rows.forEach(row -> happened.add(row.occurredAt()));
            return rows.size();
        });
        // why: measured once marked sent for good; a batch whose commit failed is sent, and measured, again
        Instant sentAt = Instant.now();
        happened.forEach(at -> lag.record(Lag.since(at, sentAt)));
        return sent == null ? 0 : sent;
    }

    private void send(List<Row> rows) {
        jms.execute(
                session -> {
                    Topic topic = session.createTopic(properties.topic());
                    try (MessageProducer producer = session.createProducer(topic)) {
                        for (Row row : rows) {
                            Span span = sendSpan(row);
                            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                                producer.send(message(session, row, row.version(), row.data()));
                                for (Iterator<String> versions =
                                                row.older().propertyNames().iterator();
                                        versions.hasNext(); ) {
                                    String version = versions.next();
                                    producer.send(message(
                                            session,
                                            row,
                                            Integer.parseInt(version),
                                            row.older().get(version)));
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

    /**
     * The span of sending one event, in the trace of the request or task that published it: the broker
     * client's own tracing writes the message's {@code traceparent} from the span in scope.
     */
    private Span sendSpan(Row row) {
        Span.Builder builder = row.traceparent() == null
                ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of("traceparent", row.traceparent()), Map::get);
        return builder.name("relay " + row.type()).kind(Span.Kind.PRODUCER).start();
    }

    private TextMessage message(Session session, Row row, int version, JsonNode data) throws JMSException {
        String type = row.type() + ".v" + version;
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", row.id());
        event.put("source", "/microposts");
        event.put("type", type);
        event.put("time", row.occurredAt().toString());
        event.put("subject", row.subject());
        event.put("datacontenttype", "application/json");
        event.put("sequence", String.valueOf(row.seq()));
        if (row.traceparent() != null) {
            event.put("traceparent", row.traceparent());
        }
        event.set("data", data);
        TextMessage message = session.createTextMessage(json.writeValueAsString(event));
        if (row.traceparent() != null) {
            // why: the publisher's context travels even where the broker client does not trace; where it does,
            // it writes its own span of sending (in the same trace, see sendSpan) over this one
            message.setStringProperty("traceparent", row.traceparent());
        }
        // why: lets a subscriber pick types with a JMS selector without parsing the body
        message.setStringProperty("ce_type", type);
        message.setStringProperty("ce_id", row.id());
        message.setStringProperty("ce_subject", row.subject());
        return message;
    }

    private double unsent() {
        try {
            return jdbc.sql("select count(*) from bus_events where sent_at is null")
                    .query(Long.class)
                    .single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getLong("seq"),
                rs.getString("id"),
                rs.getString("type"),
                rs.getInt("version"),
                rs.getString("subject"),
                rs.getTimestamp("occurred_at").toInstant(),
                json.readTree(rs.getString("data")),
                json.readTree(rs.getString("older")),
                rs.getString("traceparent"),
                rs.getInt("send_attempts"));
    }

    private record Row(
            long seq,
            String id,
            String type,
            int version,
            String subject,
            Instant occurredAt,
            JsonNode data,
            JsonNode older,
            String traceparent,
            int attempts) {}
}
