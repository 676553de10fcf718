package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** A user changed their display name or bio; the event carries both as they now are. */
@EventType(name = "microposts.user.profile-changed", description = "A user changed their display name or bio.")
public record ProfileChanged(UUID id, Instant occurredAt, long userId, String displayName, String bio)
        implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
