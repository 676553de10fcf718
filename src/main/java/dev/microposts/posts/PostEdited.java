package dev.microposts.posts;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** The author changed a post; {@code version} is its new version (its ETag). */
@EventType(name = "microposts.post.edited", description = "A post's text or reference changed.")
public record PostEdited(
        UUID id, Instant occurredAt, long postId, long authorId, int version, String text, Long referencedId)
        implements DomainEvent {

    @Override
    public String subject() {
        return "posts/" + postId;
    }
}
