package dev.microposts.timeline;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** {@code followerId} started following {@code followeeId}. */
@EventType(name = "microposts.user.followed", description = "Someone started following someone.")
public record UserFollowed(UUID id, Instant occurredAt, long followerId, long followeeId) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + followeeId;
    }
}
