package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} lifted the block on {@code blockedId}; follows ended by the block stay ended. */
@EventType(name = "microposts.user.unblocked", description = "Someone lifted a block; no follow comes back by itself.")
public record UserUnblocked(UUID id, Instant occurredAt, long blockerId, long blockedId) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + blockedId;
    }
}
