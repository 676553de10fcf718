package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} blocked {@code blockedId}: the follows between them end both ways, and neither sees the other. */
@EventType(
        name = "microposts.user.blocked",
        description = "Someone blocked someone; follows both ways end and each is hidden from the other.")
public record UserBlocked(UUID id, Instant occurredAt, long blockerId, long blockedId) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + blockedId;
    }
}
