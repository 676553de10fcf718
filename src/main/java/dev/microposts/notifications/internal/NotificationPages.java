package dev.microposts.notifications.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.Page;
import dev.microposts.web.PageController;
import dev.microposts.web.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
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
    private final Users users;
    private final ApiLimits limits;

    NotificationPages(NotificationStore store, Users users, ApiLimits limits) {
        this.store = store;
        this.users = users;
        this.limits = limits;
    }

    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal UserRef me, @RequestParam(required = false) String cursor, Model model) {
        PageRequest page = PageRequest.of(cursor, null, limits);
        Page<NotificationStore.Notification> rows = Page.of(
                store.page(me.id(), page.cursor().before(), page.limit(), false),
                page.limit(),
                NotificationStore.Notification::id);
        Map<Long, UserRef> actors = users.byIds(rows.items().stream()
                .map(NotificationStore.Notification::actorId)
                .filter(Objects::nonNull)
                .toList());
        model.addAttribute(
                "notifications",
                rows.items().stream()
                        .map(n -> new Line(
                                n.id(),
                                n.kind(),
                                n.actorId() == null
                                        ? null
                                        : actors.get(n.actorId()).username(),
                                n.postId(),
                                n.reason(),
                                n.createdAt(),
                                n.readAt() != null))
                        .toList());
        model.addAttribute("next", rows.next() == null ? null : rows.next().encode());
        return "notifications/list";
    }

    @PostMapping("/notifications/read")
    String markAllRead(@AuthenticationPrincipal UserRef me) {
        store.markAllRead(me.id(), null);
        return "redirect:/notifications";
    }

    /** One notification as the page words it. */
    record Line(long id, String kind, String actor, Long postId, String reason, Instant createdAt, boolean read) {}

    /** The unread count for the header of every page a signed-in user sees. */
    @ControllerAdvice(annotations = PageController.class)
    static class UnreadCount {

        private final NotificationStore store;

        UnreadCount(NotificationStore store) {
            this.store = store;
        }

        @ModelAttribute("unreadNotifications")
        Long unread(Authentication authentication) {
            return authentication != null && authentication.getPrincipal() instanceof UserRef me
                    ? store.unread(me.id())
                    : null;
        }
    }
}
