package dev.microposts.notifications.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The notifications page, and the unread count every page shows in its header. */
@PageController
class NotificationPages {

    private final NotificationStore store;
    private final NotificationList notifications;
    private final ApiLimits limits;

    NotificationPages(NotificationStore store, NotificationList notifications, ApiLimits limits) {
        this.store = store;
        this.notifications = notifications;
        this.limits = limits;
    }

    /**
     * Shows a page of notifications and marks those it shows as read, as opening the notifications does in
     * Mastodon: the page still marks which were new, the header's count drops, and one that arrives later stays
     * unread.
     */
    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal UserRef me, @RequestParam(required = false) String cursor, Model model) {
        Page<NotificationList.Entry> page = notifications.page(me, PageRequest.of(cursor, null, limits), false);
        store.markRead(
                me.id(),
                page.items().stream()
                        .filter(n -> !n.read())
                        .map(NotificationList.Entry::id)
                        .toList());
        model.addAttribute("notifications", page.items());
        model.addAttribute("next", page.next() == null ? null : page.next().encode());
        // why: the header's count was taken before this page marked anything
        model.addAttribute("unreadNotifications", notifications.unread(me));
        return "notifications/list";
    }

    @PostMapping("/notifications/read")
    String markAllRead(@AuthenticationPrincipal UserRef me) {
        store.markAllRead(me.id(), null);
        return "redirect:/notifications";
    }

    /** The unread count for the header of every page a signed-in user sees. */
    @ControllerAdvice(annotations = PageController.class)
    static class UnreadCount {

        private final NotificationList notifications;

        UnreadCount(NotificationList notifications) {
            this.notifications = notifications;
        }

        @ModelAttribute("unreadNotifications")
        Long unread(Authentication authentication) {
            return authentication != null && authentication.getPrincipal() instanceof UserRef me
                    ? notifications.unread(me)
                    : null;
        }
    }
}
