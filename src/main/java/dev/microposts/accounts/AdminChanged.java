package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** An operator made a user an admin, or took it back ({@code admin} is what the user now is). */
@EventType(name = "microposts.user.admin-changed", description = "A user was made an admin, or is no longer one.")
public record AdminChanged(UUID id, Instant occurredAt, long userId, boolean admin) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
