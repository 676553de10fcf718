package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** {@code muterId} muted {@code mutedId}: hidden from the muter only, follows stay. */
@EventType(
        name = "microposts.user.muted",
        description = "Someone muted someone; their posts and notifications are hidden from the muter only.")
public record UserMuted(UUID id, Instant occurredAt, long muterId, long mutedId) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + mutedId;
    }
}
