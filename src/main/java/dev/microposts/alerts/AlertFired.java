package dev.microposts.alerts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert rule's condition became true in one process: {@code value} crossed {@code threshold}.
 * {@code alertId} names this firing in the history until its {@link AlertResolved}.
 */
@EventType(name = "microposts.alert.fired", description = "An alert rule's condition became true in a process.")
public record AlertFired(
        UUID id,
        Instant occurredAt,
        long alertId,
        String rule,
        String severity,
        String summary,
        double value,
        double threshold,
        String node)
        implements DomainEvent {

    @Override
    public String subject() {
        return "alerts/" + alertId;
    }
}
