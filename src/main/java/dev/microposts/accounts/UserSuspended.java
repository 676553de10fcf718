package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A moderator suspended an account: it can no longer sign in, and its posts leave every timeline and live page
 * until it is unsuspended.
 */
@EventType(
        name = "microposts.user.suspended",
        description = "An account was suspended: it cannot sign in, and its posts are hidden from everyone.")
public record UserSuspended(UUID id, Instant occurredAt, long userId, String username) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
