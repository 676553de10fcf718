package dev.microposts.notifications.internal;

import dev.microposts.accounts.Relations;
import dev.microposts.accounts.Users;
import dev.microposts.alerts.AlertFired;
import dev.microposts.alerts.Alerts;
import dev.microposts.bus.BusListener;
import dev.microposts.bus.DomainEvent;
import dev.microposts.exports.ExportReady;
import dev.microposts.media.VideoFailed;
import dev.microposts.media.VideoReady;
import dev.microposts.notifications.NotificationAdded;
import dev.microposts.posts.PostEdited;
import dev.microposts.posts.PostLiked;
import dev.microposts.posts.PostPublished;
import dev.microposts.posts.PostReposted;
import dev.microposts.timeline.UserFollowed;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns bus events into notifications: a new follower, a published post that refers to someone or mentions them
 * in its text, a reply, a like or a repost of someone's post (never for what people do to their own posts), a
 * video ready or failed, an archive ready to download, an alert firing (to every admin). Each runs after the
 * change committed, in the transaction that moves the listener's position in the bus log, so an event notifies once; the notification and its
 * {@link NotificationAdded} event are written together. Nobody is told of what someone hidden from them (blocked
 * either way, or muted) did.
 */
@Component
class NotificationReactions {

    static final String FOLLOWED = "followed";
    static final String REFERENCED = "referenced";
    static final String MENTIONED = "mentioned";
    static final String VIDEO_READY = "video_ready";
    static final String VIDEO_FAILED = "video_failed";
    static final String ALERT = "alert";
    static final String REPLIED = "replied";
    static final String LIKED = "liked";
    static final String REPOSTED = "reposted";
    static final String EXPORT_READY = "export_ready";

    private final NotificationStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Users users;
    private final Alerts alerts;
    private final Relations relations;

    NotificationReactions(
            NotificationStore store,
            ApplicationEventPublisher events,
            Clock clock,
            Users users,
            Alerts alerts,
            Relations relations) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.users = users;
        this.alerts = alerts;
        this.relations = relations;
    }

    @BusListener("notifications.followed")
    void on(UserFollowed event) {
        add(event.followeeId(), FOLLOWED, event.followerId(), null, null, null, event);
    }

    @BusListener("notifications.referenced")
    void on(PostPublished event) {
        if (event.referencedId() != null && event.referencedId() != event.authorId()) {
            add(event.referencedId(), REFERENCED, event.authorId(), event.postId(), null, null, event);
        }
    }

    /**
     * Everyone the published post mentions, but its author and the person it refers to, whom the book's
     * {@code referenced} notification tells already.
     */
    @BusListener("notifications.mentioned")
    void mentioned(PostPublished event) {
        for (long userId : event.mentionedIds()) {
            if (userId != event.authorId() && !Long.valueOf(userId).equals(event.referencedId())) {
                mention(userId, event.authorId(), event.postId(), event);
            }
        }
    }

    /**
     * Mentions an edit adds to a post others already see. Those it mentioned before, or that it referred to when
     * published, were told then; a post not published yet tells everyone it mentions when it is.
     */
    @BusListener("notifications.mentioned_on_edit")
    void mentioned(PostEdited event) {
        if (!Boolean.TRUE.equals(event.published())) {
            return;
        }
        for (long userId : event.mentionedIds()) {
            if (userId != event.authorId()) {
                mention(userId, event.authorId(), event.postId(), event);
            }
        }
    }

    /**
     * A reply that also mentions the person it answers notifies them once: a notification is unique per event and
     * person, and whichever of the two listeners comes first records it.
     */
    @BusListener("notifications.replied")
    void replied(PostPublished event) {
        if (event.inReplyToAuthorId() != null && event.inReplyToAuthorId() != event.authorId()) {
            add(event.inReplyToAuthorId(), REPLIED, event.authorId(), event.postId(), null, null, event);
        }
    }

    @BusListener("notifications.liked")
    void on(PostLiked event) {
        if (event.userId() != event.authorId()) {
            add(event.authorId(), LIKED, event.userId(), event.postId(), null, null, event);
        }
    }

    @BusListener("notifications.reposted")
    void on(PostReposted event) {
        if (event.userId() != event.authorId()) {
            add(event.authorId(), REPOSTED, event.userId(), event.postId(), null, null, event);
        }
    }

    @BusListener("notifications.video_ready")
    void on(VideoReady event) {
        add(event.ownerId(), VIDEO_READY, null, null, event.mediaId(), null, event);
    }

    @BusListener("notifications.video_failed")
    void on(VideoFailed event) {
        add(event.ownerId(), VIDEO_FAILED, null, null, event.mediaId(), event.reason(), event);
    }

    /** The member's archive can be downloaded now (from the export page, or the API's export). */
    @BusListener("notifications.export_ready")
    void on(ExportReady event) {
        add(event.userId(), EXPORT_READY, null, null, null, null, event);
    }

    /**
     * Every admin hears of an alert that fires, with what crossed which threshold where; once per incident,
     * though each process evaluates the rules: not when another process's firing of the rule is still open.
     */
    @BusListener("notifications.alert")
    void on(AlertFired event) {
        boolean alreadyTold = alerts.firing().stream()
                .anyMatch(open -> open.rule().equals(event.rule()) && open.id() < event.alertId());
        if (alreadyTold) {
            return;
        }
        String reason = String.format(
                Locale.ROOT,
                "%s: %s (value %s, threshold %s) on %s",
                event.rule(),
                event.summary(),
                number(event.value()),
                number(event.threshold()),
                event.node());
        for (long admin : users.adminIds()) {
            add(admin, ALERT, null, null, null, reason, event);
        }
    }

    /** Whether the actor is blocked either way or muted by the one who would be told: then nobody is told. */
    private boolean hidden(long userId, long actorId) {
        return relations.hiddenFrom(userId).contains(actorId);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private void mention(long userId, long authorId, long postId, DomainEvent event) {
        if (hidden(userId, authorId)) {
            return;
        }
        store.addMention(userId, MENTIONED, REFERENCED, authorId, postId, event.id())
                .ifPresent(id -> events.publishEvent(
                        new NotificationAdded(DomainEvent.newId(), clock.instant(), id, userId, MENTIONED)));
    }

    private void add(
            long userId, String kind, Long actorId, Long postId, UUID mediaId, String reason, DomainEvent event) {
        if (actorId != null && hidden(userId, actorId)) {
            return;
        }
        store.add(userId, kind, actorId, postId, mediaId, reason, event.id())
                .ifPresent(id -> events.publishEvent(
                        new NotificationAdded(DomainEvent.newId(), clock.instant(), id, userId, kind)));
    }
}
