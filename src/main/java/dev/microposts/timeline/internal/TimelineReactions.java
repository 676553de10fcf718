package dev.microposts.timeline.internal;

import dev.microposts.bus.Inbox;
import dev.microposts.posts.PostDeleted;
import dev.microposts.posts.PostPublished;
import dev.microposts.posts.Posts;
import dev.microposts.tasks.Tasks;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the materialized home timelines in step with the bus: a published post goes to the followers through
 * fan-out tasks on the {@code fanout} queue (so an author with many followers holds up no one else), a deleted
 * one leaves every timeline, a follow backfills and an unfollow removes. Edits need nothing: timelines hold post
 * ids, and reads show each post as it is now.
 */
@Component
class TimelineReactions {

    private final HomeTimelines timelines;
    private final Posts posts;
    private final Tasks tasks;
    private final Inbox inbox;
    private final TimelineProperties properties;

    TimelineReactions(HomeTimelines timelines, Posts posts, Tasks tasks, Inbox inbox, TimelineProperties properties) {
        this.timelines = timelines;
        this.posts = posts;
        this.tasks = tasks;
        this.inbox = inbox;
        this.properties = properties;
    }

    @ApplicationModuleListener
    void on(PostPublished event) {
        if (inbox.firstDelivery("timeline.published", event)) {
            tasks.enqueue(FanoutHandler.QUEUE, FanoutHandler.payload(event.postId(), event.authorId(), 0));
        }
    }

    @ApplicationModuleListener
    void on(PostDeleted event) {
        if (inbox.firstDelivery("timeline.deleted", event)) {
            timelines.removePost(event.postId());
        }
    }

    @ApplicationModuleListener
    void on(UserFollowed event) {
        if (inbox.firstDelivery("timeline.followed", event)) {
            timelines.backfill(
                    event.followerId(),
                    event.followeeId(),
                    posts.idsByAuthor(event.followeeId(), Long.MAX_VALUE, properties.backfill(), false));
        }
    }

    @ApplicationModuleListener
    void on(UserUnfollowed event) {
        if (inbox.firstDelivery("timeline.unfollowed", event)) {
            timelines.removeAuthor(event.followerId(), event.followeeId());
        }
    }
}
