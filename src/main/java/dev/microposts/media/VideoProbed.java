package dev.microposts.media;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An uploaded video was read and is a video: its renditions and thumbnails are being made. {@code renditions}
 * says how many heights the ladder planned for it.
 */
@EventType(
        name = "microposts.video.probed",
        description = "An upload was read and is a video; its renditions and thumbnails are being made.")
public record VideoProbed(
        UUID id, Instant occurredAt, UUID mediaId, long ownerId, double duration, int width, int height, int renditions)
        implements DomainEvent {

    @Override
    public String subject() {
        return "media/" + mediaId;
    }
}
