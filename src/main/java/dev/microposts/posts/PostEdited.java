package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The author changed a post; {@code version} is its new version (its ETag). {@code mentionedIds} are the people
 * its text mentions now, in order, and {@code published} whether others see the post yet: mentions in a post
 * nobody else sees yet are told of when it is published ({@link PostPublished}). Events recorded before these
 * fields existed have no mentions and a null {@code published}.
 */
@EventType(name = "microposts.post.edited", description = "A post's text or reference changed.")
public record PostEdited(
        UUID id,
        Instant occurredAt,
        long postId,
        long authorId,
        int version,
        String text,
        Long referencedId,
        List<Long> mentionedIds,
        Boolean published)
        implements DomainEvent {

    public PostEdited {
        mentionedIds = mentionedIds == null ? List.of() : List.copyOf(mentionedIds);
    }

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
