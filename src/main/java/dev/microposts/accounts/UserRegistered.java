package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** Someone created an account. */
@EventType(name = "microposts.user.registered", description = "A new account was created.")
public record UserRegistered(UUID id, Instant occurredAt, long userId, String username, String displayName)
        implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
