package dev.microposts.notifications.internal;

import dev.microposts.accounts.UserDeleted;
import dev.microposts.bus.BusListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account's notifications go, and so do other people's about it (it followed them, it referred to
 * them): they would name someone who no longer exists and link to posts that are gone. Done before the account's
 * row goes, which would otherwise only blank the actor and leave the rest.
 */
@Component
class DeletedAccountNotifications {

    private final NotificationStore store;

    DeletedAccountNotifications(NotificationStore store) {
        this.store = store;
    }

    @BusListener("notifications.user_deleted")
    void on(UserDeleted event) {
        store.forget(event.userId());
    }
}
