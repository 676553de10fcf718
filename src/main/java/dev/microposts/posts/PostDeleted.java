package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** The author deleted a post. */
@EventType(name = "microposts.post.deleted", description = "A post was deleted.")
public record PostDeleted(UUID id, Instant occurredAt, long postId, long authorId) implements DomainEvent {

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
