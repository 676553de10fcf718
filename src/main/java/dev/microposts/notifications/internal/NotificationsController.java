package dev.microposts.notifications.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.media.MediaView;
import dev.microposts.posts.web.PostLinks;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.LinkRoot;
import dev.microposts.web.PageRequest;
import dev.microposts.web.PagedResponses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's notifications, newest first ({@code ?unread=true} for the unread ones only), the unread count, and
 * marking as read: one, or all up to an id.
 */
@RestController
@RequestMapping("/api/v1/me/notifications")
class NotificationsController {

    private final NotificationStore store;
    private final NotificationList notifications;
    private final PostLinks links;
    private final ApiLimits limits;

    NotificationsController(
            NotificationStore store, NotificationList notifications, PostLinks links, ApiLimits limits) {
        this.store = store;
        this.notifications = notifications;
        this.links = links;
        this.limits = limits;
    }

    @GetMapping
    ResponseEntity<List<NotificationView>> list(
            @AuthenticationPrincipal UserRef user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(defaultValue = "false") boolean unread) {
        String base = LinkRoot.current();
        return PagedResponses.of(notifications
                .page(user, PageRequest.of(cursor, limit, limits), unread)
                .map(n -> view(n, base)));
    }

    @GetMapping("/unread-count")
    Map<String, Long> unreadCount(@AuthenticationPrincipal UserRef user) {
        return Map.of("unread", notifications.unread(user));
    }

    @PutMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@AuthenticationPrincipal UserRef user, @PathVariable long id) {
        if (!store.markRead(user.id(), id)) {
            throw ApiProblem.notFound("You have no notification " + id);
        }
    }

    /** Marks everything up to {@code up_to} as read, or everything when the body is empty or has no {@code up_to}. */
    @PostMapping("/read")
    Map<String, Integer> markAllRead(
            @AuthenticationPrincipal UserRef user, @RequestBody(required = false) MarkRead request) {
        return Map.of("marked", store.markAllRead(user.id(), request == null ? null : request.upTo()));
    }

    private NotificationView view(NotificationList.Entry n, String base) {
        String post = n.postAuthor() == null ? null : links.post(n.postAuthor(), n.postId());
        String media =
                n.mediaId() == null ? null : base + MediaView.href(n.mediaId().toString());
        return new NotificationView(n.id(), n.kind(), n.actor(), post, media, n.reason(), n.createdAt(), n.read());
    }

    /** The request to mark notifications as read. */
    record MarkRead(Long upTo) {}

    /**
     * One notification: {@code kind} is {@code followed}, {@code referenced}, {@code mentioned}, {@code replied} (the
     * post is the reply), {@code liked}, {@code reposted} (the post is the user's own), {@code video_ready},
     * {@code video_failed} or (to admins) {@code alert}; {@code actor} is who did it, {@code post} and
     * {@code media} link to what it is about, {@code reason} says why a video failed or what an alert is.
     */
    record NotificationView(
            long id,
            String kind,
            String actor,
            String post,
            String media,
            String reason,
            Instant createdAt,
            boolean read) {}
}
