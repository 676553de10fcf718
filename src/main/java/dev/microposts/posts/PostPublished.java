package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post became visible to everyone: at once for a post without videos, or when its last video is ready.
 * Timelines and mentions follow this event, not {@link PostCreated}. A reply names the post it answers and that
 * post's author ({@code inReplyToId}, {@code inReplyToAuthorId}; both null otherwise, and in events recorded before
 * replies existed), so a timeline can apply the reply rule without asking whose post it was. {@code mentionedIds}
 * are the people its text mentions as it is now, in order; events recorded before the field existed have none.
 */
@EventType(name = "microposts.post.published", description = "A post became visible to everyone.")
public record PostPublished(
        UUID id,
        Instant occurredAt,
        long postId,
        long authorId,
        Long referencedId,
        Long inReplyToId,
        Long inReplyToAuthorId,
        List<Long> mentionedIds)
        implements DomainEvent {

    public PostPublished {
        mentionedIds = mentionedIds == null ? List.of() : List.copyOf(mentionedIds);
    }

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
