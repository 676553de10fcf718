package dev.microposts.notifications.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.media.VideoFailed;
import dev.microposts.media.VideoReady;
import dev.microposts.notifications.NotificationAdded;
import dev.microposts.posts.PostPublished;
import dev.microposts.timeline.UserFollowed;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns bus events into notifications: a new follower, a published post that refers to someone, a video ready
 * or failed. Each runs in its own transaction after the change committed; the notification and its
 * {@link NotificationAdded} event are written together, and the event id keeps a redelivery from notifying twice.
 */
@Component
class NotificationReactions {

    static final String FOLLOWED = "followed";
    static final String REFERENCED = "referenced";
    static final String VIDEO_READY = "video_ready";
    static final String VIDEO_FAILED = "video_failed";

    private final NotificationStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationReactions(NotificationStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(UserFollowed event) {
        notify(event.followeeId(), FOLLOWED, event.followerId(), null, null, null, event.id());
    }

    @ApplicationModuleListener
    void on(PostPublished event) {
        if (event.referencedId() != null && event.referencedId() != event.authorId()) {
            notify(event.referencedId(), REFERENCED, event.authorId(), event.postId(), null, null, event.id());
        }
    }

    @ApplicationModuleListener
    void on(VideoReady event) {
        notify(event.ownerId(), VIDEO_READY, null, null, event.mediaId(), null, event.id());
    }

    @ApplicationModuleListener
    void on(VideoFailed event) {
        notify(event.ownerId(), VIDEO_FAILED, null, null, event.mediaId(), event.reason(), event.id());
    }

    private void notify(
            long userId, String kind, Long actorId, Long postId, UUID mediaId, String reason, UUID eventId) {
        store.add(userId, kind, actorId, postId, mediaId, reason, eventId)
                .ifPresent(id -> events.publishEvent(
                        new NotificationAdded(DomainEvent.newId(), clock.instant(), id, userId, kind)));
    }
}
