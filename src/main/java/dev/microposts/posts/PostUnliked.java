package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code userId} no longer likes the post {@code postId} by {@code authorId}. Published only when something changed, so
 * repeating the request publishes nothing; the author is named so that consumers need not look the post up.
 */
@EventType(name = "microposts.post.unliked", description = "Someone took back their like of a post.")
public record PostUnliked(UUID id, Instant occurredAt, long postId, long authorId, long userId) implements DomainEvent {

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
