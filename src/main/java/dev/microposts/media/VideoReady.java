package dev.microposts.media;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** A video finished processing: every rendition and the thumbnail exist. Published once per item. */
@EventType(name = "microposts.video.ready", description = "Every rendition and thumbnail of a video exists.")
public record VideoReady(UUID id, Instant occurredAt, UUID mediaId, long ownerId) implements DomainEvent {

    @Override
    public String subject() {
        return "media/" + mediaId;
    }
}
