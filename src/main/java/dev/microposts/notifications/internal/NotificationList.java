package dev.microposts.notifications.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A page of a user's notifications, newest first, with who did each thing resolved to a username. */
@Component
class NotificationList {

    private final NotificationStore store;
    private final Users users;

    NotificationList(NotificationStore store, Users users) {
        this.store = store;
        this.users = users;
    }

    Page<Entry> page(long userId, PageRequest page, boolean unreadOnly) {
        Page<NotificationStore.Notification> rows = Page.of(
                store.page(userId, page.cursor().before(), page.limit(), unreadOnly),
                page.limit(),
                NotificationStore.Notification::id);
        Map<Long, UserRef> actors = users.byIds(rows.items().stream()
                .map(NotificationStore.Notification::actorId)
                .filter(Objects::nonNull)
                .toList());
        return rows.map(n -> {
            UserRef actor = n.actorId() == null ? null : actors.get(n.actorId());
            return new Entry(
                    n.id(),
                    n.kind(),
                    actor == null ? null : actor.username(),
                    n.postId(),
                    n.mediaId(),
                    n.reason(),
                    n.createdAt(),
                    n.readAt() != null);
        });
    }

    /** One notification, its actor by username (null when there is none, or the account is gone). */
    record Entry(
            long id,
            String kind,
            String actor,
            Long postId,
            UUID mediaId,
            String reason,
            Instant createdAt,
            boolean read) {}
}
