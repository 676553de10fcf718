package dev.microposts.notifications;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.time.Instant;
import java.util.UUID;

/** A notification was recorded for {@code userId}; {@code kind} is one of the kinds the API lists. */
@EventType(name = "microposts.notification.added", description = "A user has a new notification.")
public record NotificationAdded(UUID id, Instant occurredAt, long notificationId, long userId, String kind)
        implements DomainEvent {

    @Override
    public String subject() {
        return "users/" + userId;
    }
}
