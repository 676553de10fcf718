package dev.microposts.alerts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** An alert that fired is no longer true: {@code value} is back on the right side of its threshold. */
@EventType(name = "microposts.alert.resolved", description = "A firing alert's condition is no longer true.")
public record AlertResolved(
        UUID id, Instant occurredAt, long alertId, String rule, double value, Instant firedAt, String node)
        implements DomainEvent {

    @Override
    public String subject() {
        return "alerts/" + alertId;
    }
}
