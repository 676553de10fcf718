package dev.microposts.timeline.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reposts in home timelines ({@code timeline_reposts}): a row per reader and post that someone they follow
 * reposted, at the position a post written at the time of the repost would have, so it shows at the top of the
 * timeline however old the post is. {@link HomeTimelines} writes them with the fan-out; this reads and withdraws them.
 */
@Repository
class TimelineReposts {

    private final JdbcClient jdbc;

    TimelineReposts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The reader's reposts placed before {@code before}, latest first, but those by {@code hiddenReposters}. */
    List<Entry> page(long ownerId, long before, int limit, Collection<Long> hiddenReposters) {
        return jdbc.sql("select post_id, position, reposted_by from timeline_reposts where owner_id = ?"
                        + " and position < ? and reposted_by <> all(?) order by position desc limit ?")
                .params(ownerId, before, hiddenReposters.toArray(Long[]::new), limit)
                .query((rs, row) -> new Entry(rs.getLong("post_id"), rs.getLong("position"), rs.getLong("reposted_by")))
                .list();
    }

    /**
     * An undone repost leaves the timelines it brought the post into, but for readers who follow another of
     * {@code otherReposters}: the post stays with them where it was, as that one's repost.
     */
    void remove(long postId, long reposterId, List<Long> otherReposters) {
        jdbc.sql("with gone as (delete from timeline_reposts where post_id = :post and reposted_by = :reposter"
                        + " returning owner_id, position)"
                        + " insert into timeline_reposts (owner_id, post_id, position, reposted_by)"
                        + " select distinct on (f.follower_id) f.follower_id, :post, g.position, f.followee_id"
                        + " from gone g join follows f on f.follower_id = g.owner_id"
                        + " and f.followee_id = any(:others) and f.followee_id <> :reposter"
                        + " order by f.follower_id, array_position(:others, f.followee_id)"
                        + " on conflict do nothing")
                .param("post", postId)
                .param("reposter", reposterId)
                .param("others", otherReposters.toArray(Long[]::new))
                .update();
    }

    /** A repost in a reader's timeline: which post, where it sits, who reposted it. */
    record Entry(long postId, long position, long repostedBy) {}
}
