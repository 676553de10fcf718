package dev.microposts.bus.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends every domain event to the bus log in the transaction that publishes it, so the event exists exactly
 * when the change does. The events of one transaction are written together just before it commits (one
 * statement, however many it published), and the bus's readers are woken once it has committed.
 */
@Component
class BusLog {

    private static final String INSERT = "insert into bus_events (id, type, version, subject, occurred_at, data,"
            + " older, traceparent) values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final BusSignal signal;
    private final Tracer tracer;
    private final Propagator propagator;

    BusLog(JdbcTemplate jdbc, ObjectMapper json, BusSignal signal, Tracer tracer, Propagator propagator) {
        this.jdbc = jdbc;
        this.json = json;
        this.signal = signal;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @EventListener
    void append(DomainEvent event) {
        Entry entry = entry(event);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(entry));
            signal.wake(List.of(entry.type().name()));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.entries.add(entry);
    }

    /**
     * How many events the current transaction has published so far; with {@link #discardAfter} a listener
     * that rolls back to a savepoint takes back the events it published after it.
     */
    int mark() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        return pending == null ? 0 : pending.entries.size();
    }

    void discardAfter(int mark) {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            pending.entries.subList(mark, pending.entries.size()).clear();
        }
    }

    private void write(List<Entry> entries) {
        jdbc.batchUpdate(INSERT, entries, entries.size(), BusLog::bind);
    }

    private static void bind(PreparedStatement statement, Entry entry) throws SQLException {
        statement.setObject(1, entry.event().id());
        statement.setString(2, entry.type().name());
        statement.setInt(3, entry.type().version());
        statement.setString(4, entry.event().subject());
        statement.setTimestamp(5, Timestamp.from(entry.event().occurredAt()));
        statement.setString(6, entry.data());
        statement.setString(7, entry.older());
        statement.setString(8, entry.traceparent());
    }

    private Entry entry(DomainEvent event) {
        ObjectNode older = json.createObjectNode();
        event.olderVersions().forEach((version, data) -> older.set(String.valueOf(version), data(json, data)));
        return new Entry(
                event,
                EventCatalog.typeOf(event.getClass()),
                json.writeValueAsString(data(json, event)),
                json.writeValueAsString(older),
                traceparent());
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

    /**
     * The event's fields, less the envelope's (id and time travel as CloudEvents attributes). Reachable from the
     * compatibility tests, which keep what each release wrote.
     */
    static ObjectNode data(ObjectMapper json, Object event) {
        ObjectNode data = json.valueToTree(event);
        data.remove("id");
        data.remove("occurred_at");
        data.remove("subject");
        return data;
    }

    private record Entry(DomainEvent event, EventType type, String data, String older, String traceparent) {}

    /** The events one transaction has published, written just before it commits. */
    private final class Pending implements TransactionSynchronization {

        private final List<Entry> entries = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!entries.isEmpty()) {
                write(entries);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(BusLog.this);
            if (status == STATUS_COMMITTED && !entries.isEmpty()) {
                signal.wake(entries.stream()
                        .map(entry -> entry.type().name())
                        .distinct()
                        .toList());
            }
        }
    }
}
