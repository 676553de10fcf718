package dev.microposts.exports;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** A member's export was built and can be downloaded until {@code expiresAt}. */
@EventType(name = "microposts.export.ready", description = "A member's archive was built and can be downloaded.")
public record ExportReady(UUID id, Instant occurredAt, UUID exportId, long userId, Instant expiresAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return "exports/" + exportId;
    }
}
