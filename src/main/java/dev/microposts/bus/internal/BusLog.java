package dev.microposts.bus.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends every domain event to the bus log in the transaction that publishes it, so the event exists exactly
 * when the change does, and wakes the relay once that transaction commits.
 */
@Component
class BusLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Relay relay;
    private final Tracer tracer;
    private final Propagator propagator;

    BusLog(JdbcClient jdbc, ObjectMapper json, Relay relay, Tracer tracer, Propagator propagator) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @EventListener
    void append(DomainEvent event) {
        EventType type = EventCatalog.typeOf(event.getClass());
        ObjectNode older = json.createObjectNode();
        event.olderVersions().forEach((version, data) -> older.set(String.valueOf(version), data(data)));
        jdbc.sql("insert into bus_events (id, type, version, subject, occurred_at, data, older, traceparent)"
                        + " values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)")
                .params(
                        event.id(),
                        type.name(),
                        type.version(),
                        event.subject(),
                        Timestamp.from(event.occurredAt()),
                        json.writeValueAsString(data(event)),
                        json.writeValueAsString(older),
                        traceparent())
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        } else {
            relay.wake();
        }
    }

    /** The trace this event is published in, as a W3C {@code traceparent}; null outside any trace. */
    private String traceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers.get("traceparent");
    }

    /** The event's fields, less the envelope's (id and time travel as CloudEvents attributes). */
    private ObjectNode data(Object event) {
        ObjectNode data = json.valueToTree(event);
        data.remove("id");
        data.remove("occurred_at");
        data.remove("subject");
        return data;
    }
}
