package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** A moderator lifted an account's suspension: it may sign in again, and its posts are shown again. */
@EventType(
        name = "microposts.user.unsuspended",
        description = "A suspension was lifted: the account may sign in again and its posts are shown again.")
public record UserUnsuspended(UUID id, Instant occurredAt, long userId, String username) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
