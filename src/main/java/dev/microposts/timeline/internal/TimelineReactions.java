package dev.microposts.timeline.internal;

import dev.microposts.accounts.UserSuspended;
import dev.microposts.accounts.UserUnsuspended;
import dev.microposts.bus.BusListener;
import dev.microposts.posts.PostDeleted;
import dev.microposts.posts.PostPublished;
import dev.microposts.posts.Posts;
import dev.microposts.tasks.Tasks;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Keeps the materialized home timelines in step with the bus: a published post goes to the followers (at once,
 * in the listener's transaction, when they are few; through fan-out tasks on the {@code fanout} queue when they
 * are many, so an author with many followers holds up no one else), a deleted one leaves every timeline, a follow
 * backfills and an unfollow removes; a suspended author's posts leave every timeline, and their recent ones come
 * back when the suspension is lifted. Edits need nothing: timelines hold post ids, and reads show each post as it
 * is now. Each reaction applies an event once: the bus hands it over in the transaction that moves the
 * listener's position.
 */
@Component
class TimelineReactions {

    private final HomeTimelines timelines;
    private final Posts posts;
    private final Tasks tasks;
    private final TimelineProperties properties;

    TimelineReactions(HomeTimelines timelines, Posts posts, Tasks tasks, TimelineProperties properties) {
        this.timelines = timelines;
        this.posts = posts;
        this.tasks = tasks;
        this.properties = properties;
    }

    /** A batch of published posts: those of authors with few followers go straight in, the others to tasks. */
    @BusListener("timeline.published")
    void on(List<PostPublished> events) {
        Map<Long, Integer> followers = timelines.followerCounts(
                events.stream().map(PostPublished::authorId).distinct().toList(), properties.inlineFanout());
        List<PostPublished> inline = new ArrayList<>();
        List<String> fanouts = new ArrayList<>();
        for (PostPublished event : events) {
            int count = followers.getOrDefault(event.authorId(), 0);
            if (count == 0) {
                continue;
            }
            if (count <= properties.inlineFanout()) {
                inline.add(event);
            } else {
                fanouts.addAll(ranges(event));
            }
        }
        timelines.fanOutAll(
                inline.stream().map(PostPublished::postId).toList(),
                inline.stream().map(PostPublished::authorId).toList());
        tasks.enqueueAll(FanoutHandler.QUEUE, fanouts);
    }

    /**
     * Fan-out tasks for a large audience: one per batch of followers, so the queue's consumers share the work; the
     * last is open-ended and takes in followers who came since.
     */
    private List<String> ranges(PostPublished event) {
        List<String> payloads = new ArrayList<>();
        long after = 0;
        List<Long> ends = timelines.batchEnds(event.authorId(), properties.fanoutBatch());
        for (long end : ends.subList(0, Math.max(0, ends.size() - 1))) {
            payloads.add(FanoutHandler.payload(event.postId(), event.authorId(), after, end));
            after = end;
        }
        payloads.add(FanoutHandler.payload(event.postId(), event.authorId(), after));
        return payloads;
    }

    @BusListener("timeline.deleted")
    void on(PostDeleted event) {
        timelines.removePost(event.postId());
    }

    @BusListener("timeline.followed")
    void on(UserFollowed event) {
        timelines.backfill(
                event.followerId(),
                event.followeeId(),
                posts.idsByAuthor(event.followeeId(), Long.MAX_VALUE, properties.backfill(), false));
    }

    @BusListener("timeline.unfollowed")
    void on(UserUnfollowed event) {
        timelines.removeAuthor(event.followerId(), event.followeeId());
    }

    @BusListener("timeline.author-suspended")
    void on(UserSuspended event) {
        timelines.removeAuthorEverywhere(event.userId());
    }

    /**
     * The author's recent posts go back to their followers, as a follow backfills: older ones stay out of the
     * timelines, as they would for someone who followed today.
     */
    @BusListener("timeline.author-unsuspended")
    void on(UserUnsuspended event) {
        List<Long> recent = posts.idsByAuthor(event.userId(), Long.MAX_VALUE, properties.backfill(), false);
        timelines.fanOutAll(recent, recent.stream().map(id -> event.userId()).toList());
    }
}
