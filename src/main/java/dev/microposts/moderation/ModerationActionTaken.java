package dev.microposts.moderation;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin acted as a moderator: {@code action} is one of {@code remove_post}, {@code suspend}, {@code unsuspend}
 * and {@code dismiss}. The post and the report are null when the action had none; {@code logId} is its row in the
 * audit log.
 */
@EventType(
        name = "microposts.moderation.action-taken",
        description = "A moderator removed a post, suspended or unsuspended an account, or dismissed a report.")
public record ModerationActionTaken(
        UUID id,
        Instant occurredAt,
        long logId,
        String action,
        Long moderatorId,
        String moderator,
        Long targetId,
        String target,
        Long postId,
        Long reportId,
        String reason)
        implements DomainEvent {

    @Override
    public String subject() {
        return "moderation/" + logId;
    }
}
