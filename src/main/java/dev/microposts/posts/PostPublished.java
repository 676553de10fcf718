package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A post became visible to everyone: at once for a post without videos, or when its last video is ready.
 * Timelines and mentions follow this event, not {@link PostCreated}. A reply names the post it answers and that
 * post's author ({@code inReplyToId}, {@code inReplyToAuthorId}; both null otherwise, and in events recorded before
 * replies existed), so a timeline can apply the reply rule without asking whose post it was.
 */
@EventType(name = "microposts.post.published", description = "A post became visible to everyone.")
public record PostPublished(
        UUID id,
        Instant occurredAt,
        long postId,
        long authorId,
        Long referencedId,
        Long inReplyToId,
        Long inReplyToAuthorId)
        implements DomainEvent {

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
