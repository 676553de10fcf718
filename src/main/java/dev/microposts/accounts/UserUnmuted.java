package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** {@code muterId} lifted the mute on {@code mutedId}. */
@EventType(name = "microposts.user.unmuted", description = "Someone lifted a mute.")
public record UserUnmuted(UUID id, Instant occurredAt, long muterId, long mutedId) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + mutedId;
    }
}
