package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The author deleted a post. It names the videos the post carried, which are deleted with it: once the post is
 * gone nothing else records which they were. Events recorded before the field existed have none.
 */
@EventType(name = "microposts.post.deleted", description = "A post was deleted.")
public record PostDeleted(UUID id, Instant occurredAt, long postId, long authorId, List<UUID> mediaIds)
        implements DomainEvent {

    public PostDeleted {
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
    }

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
