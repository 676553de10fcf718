package dev.microposts.timeline;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** {@code followerId} stopped following {@code followeeId}. */
@EventType(name = "microposts.user.unfollowed", description = "Someone stopped following someone.")
public record UserUnfollowed(UUID id, Instant occurredAt, long followerId, long followeeId) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + followeeId;
    }
}
