package dev.microposts.accounts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A member deleted their account. From this moment they cannot sign in and their posts are gone from every read;
 * each module then deletes what it holds of them (media and its files, follows, timelines, notifications), and once
 * every listener has done so the account's row goes, taking whatever still refers to it by foreign key. Outside
 * consumers should forget the user the same way.
 */
@EventType(
        name = "microposts.user.deleted",
        description = "A member deleted their account; forget everything of theirs (their posts are gone already).")
public record UserDeleted(UUID id, Instant occurredAt, long userId, String username) implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
