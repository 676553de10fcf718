package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A post became visible to everyone: at once for a post without videos, or when its last video is ready.
 * Timelines and mentions follow this event, not {@link PostCreated}.
 */
@EventType(name = "microposts.post.published", description = "A post became visible to everyone.")
public record PostPublished(UUID id, Instant occurredAt, long postId, long authorId, Long referencedId)
        implements DomainEvent {

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
