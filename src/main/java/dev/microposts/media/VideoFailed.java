package dev.microposts.media;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** A video will not become ready; {@code reason} says why in words its owner understands. */
@EventType(name = "microposts.video.failed", description = "A video could not be processed; the reason says why.")
public record VideoFailed(UUID id, Instant occurredAt, UUID mediaId, long ownerId, String reason)
        implements DomainEvent {

    @Override
    public String subject() {
        return "media/" + mediaId;
    }
}
