package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Someone wrote a post. Version 2 added the videos and whether the post is already published; version 1
 * (post, author and text) is still published beside it for consumers that have not moved yet. {@code inReplyToId}
 * names the post a reply answers (null for a post that answers none, and in events recorded before replies).
 */
@EventType(name = "microposts.post.created", version = 2, description = "A post was written.")
public record PostCreated(
        UUID id,
        Instant occurredAt,
        long postId,
        long authorId,
        String text,
        Long referencedId,
        List<UUID> mediaIds,
        boolean published,
        Long inReplyToId)
        implements DomainEvent {

    @Override
    public String subject() {
        return "posts/" + postId;
    }

    @Override
    public Map<Integer, Object> olderVersions() {
        return Map.of(1, new V1(postId, authorId, text));
    }

    /** The first version's data. */
    public record V1(long postId, long authorId, String text) {}
}
