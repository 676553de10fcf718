package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post became visible to everyone: at once for a post without videos, or when its last video is ready.
 * Timelines and mentions follow this event, not {@link PostCreated}. {@code mentionedIds} are the people its text
 * mentions as it is now, in order; events recorded before the field existed have none.
 */
@EventType(name = "microposts.post.published", description = "A post became visible to everyone.")
public record PostPublished(
        UUID id, Instant occurredAt, long postId, long authorId, Long referencedId, List<Long> mentionedIds)
        implements DomainEvent {

    public PostPublished {
        mentionedIds = mentionedIds == null ? List.of() : List.copyOf(mentionedIds);
    }

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
