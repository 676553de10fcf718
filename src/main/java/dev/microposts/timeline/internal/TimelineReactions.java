package dev.microposts.timeline.internal;

import dev.microposts.bus.BusListener;
import dev.microposts.posts.PostDeleted;
import dev.microposts.posts.PostPublished;
import dev.microposts.posts.PostReposted;
import dev.microposts.posts.PostUnreposted;
import dev.microposts.posts.Posts;
import dev.microposts.tasks.Tasks;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Keeps the materialized home timelines in step with the bus: a published post goes to the followers (at once,
 * in the listener's transaction, when they are few; through fan-out tasks on the {@code fanout} queue when they
 * are many, so an author with many followers holds up no one else), a deleted one leaves every timeline, a follow
 * backfills and an unfollow removes. A reply to someone else reaches only the followers who follow that person
 * too ({@link Audience}); a repost goes to the reposter's followers the same two ways, and leaves when undone. Edits
 * need nothing: timelines hold post ids, and reads show each post as it is now. Each reaction applies an event
 * once: the bus hands it over in the transaction that moves the listener's position.
 */
@Component
class TimelineReactions {

    private final HomeTimelines timelines;
    private final Posts posts;
    private final Tasks tasks;
    private final TimelineProperties properties;
    private final Follows follows;
    private final TimelineReposts reposts;

    TimelineReactions(
            HomeTimelines timelines,
            Posts posts,
            Tasks tasks,
            TimelineProperties properties,
            Follows follows,
            TimelineReposts reposts) {
        this.timelines = timelines;
        this.follows = follows;
        this.reposts = reposts;
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
                fanouts.addAll(ranges(event.postId(), event.authorId(), audience(event)));
            }
        }
        timelines.fanOutAll(
                inline.stream().map(PostPublished::postId).toList(),
                inline.stream().map(PostPublished::authorId).toList(),
                inline.stream().map(event -> audience(event).replyTo()).toList());
        tasks.enqueueAll(FanoutHandler.QUEUE, fanouts);
    }

    private static Audience audience(PostPublished event) {
        return Audience.ofPost(event.authorId(), event.inReplyToAuthorId());
    }

    /** A repost reaches the reposter's followers as a post of theirs would, but for the post's own author. */
    @BusListener("timeline.reposted")
    void on(PostReposted event) {
        int count = timelines
                .followerCounts(List.of(event.userId()), properties.inlineFanout())
                .getOrDefault(event.userId(), 0);
        if (count == 0) {
            return;
        }
        Audience audience = Audience.ofRepost(event.authorId(), posts.placeNow());
        if (count <= properties.inlineFanout()) {
            timelines.fanOutRange(event.postId(), event.userId(), 0, Long.MAX_VALUE, audience);
        } else {
            tasks.enqueueAll(FanoutHandler.QUEUE, ranges(event.postId(), event.userId(), audience));
        }
    }

    @BusListener("timeline.unreposted")
    void on(PostUnreposted event) {
        reposts.remove(event.postId(), event.userId(), posts.reposterIds(event.postId()));
    }

    /**
     * Fan-out tasks for a large audience: one per batch of followers, so the queue's consumers share the work; the
     * last is open-ended and takes in followers who came since.
     */
    private List<String> ranges(long postId, long sourceId, Audience audience) {
        List<String> payloads = new ArrayList<>();
        long after = 0;
        List<Long> ends = timelines.batchEnds(sourceId, properties.fanoutBatch());
        for (long end : ends.subList(0, Math.max(0, ends.size() - 1))) {
            payloads.add(FanoutHandler.payload(postId, sourceId, after, end, audience));
            after = end;
        }
        payloads.add(FanoutHandler.payload(postId, sourceId, after, audience));
        return payloads;
    }

    @BusListener("timeline.deleted")
    void on(PostDeleted event) {
        timelines.removePost(event.postId());
    }

    /** A new follow backfills the followee's recent posts, but for replies the reply rule keeps out. */
    @BusListener("timeline.followed")
    void on(UserFollowed event) {
        List<Long> ids = posts.idsByAuthor(event.followeeId(), Long.MAX_VALUE, properties.backfill(), false);
        Map<Long, Long> repliedTo = posts.repliedAuthors(ids);
        Set<Long> followed = follows.followeesAmong(event.followerId(), Set.copyOf(repliedTo.values()));
        timelines.backfill(
                event.followerId(),
                event.followeeId(),
                ids.stream()
                        .filter(id -> {
                            Long other = repliedTo.get(id);
                            return other == null
                                    || other == event.followeeId()
                                    || other == event.followerId()
                                    || followed.contains(other);
                        })
                        .toList());
    }

    @BusListener("timeline.unfollowed")
    void on(UserUnfollowed event) {
        timelines.removeAuthor(event.followerId(), event.followeeId());
    }
}
