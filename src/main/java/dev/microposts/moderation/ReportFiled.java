package dev.microposts.moderation;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A member reported a post ({@code postId} set, {@code targetId} its author) or an account ({@code postId} null)
 * to the moderators.
 */
@EventType(name = "microposts.report.filed", description = "A member reported a post or an account to the moderators.")
public record ReportFiled(
        UUID id,
        Instant occurredAt,
        long reportId,
        long reporterId,
        long targetId,
        String target,
        Long postId,
        String reason)
        implements DomainEvent {

    @Override
    public String subject() {
        return "reports/" + reportId;
    }
}
