package dev.microposts.timeline.internal;

import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The materialized home timelines: a row per reader and post of someone they follow, and one per reader and post
 * someone they follow reposted (see {@link TimelineReposts}). Every write is idempotent
 * and checks the follow it depends on in the same statement, so reactions that run in any order (a follow and an
 * unfollow in quick succession, a fan-out beside a backfill) settle on what the follow graph says.
 */
@Repository
class HomeTimelines {

    private final JdbcClient jdbc;

    HomeTimelines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a follower (the {@code follows} row {@code f}) takes a reply to {@code :replyTo}'s post (if any). */
    private static final String TAKES = " and (cast(:replyTo as bigint) is null or f.follower_id = :replyTo"
            + " or exists (select 1 from follows r where r.follower_id = f.follower_id and r.followee_id = :replyTo))";

    /**
     * Where a follower (the {@code follows} row {@code f}) takes a repost: into {@code timeline_reposts}, unless they
     * wrote the post or have it already.
     */
    private static final String REPOST = "insert into timeline_reposts (owner_id, post_id, position, reposted_by)"
            + " select f.follower_id, :post, :position, :author from %s"
            + " where f.follower_id <> :repostOf and not exists (select 1 from home_timeline h"
            + " where h.owner_id = f.follower_id and h.post_id = :post)%s"
            + " order by f.follower_id on conflict do nothing";

    /**
     * Post ids in {@code ownerId}'s timeline older than {@code before}, newest first, but those by
     * {@code hiddenAuthors} (blocked or muted): the rows carry their author, so this costs no join.
     */
    List<Long> page(long ownerId, long before, int limit, Collection<Long> hiddenAuthors) {
        return jdbc.sql("select post_id from home_timeline where owner_id = ? and post_id < ?"
                        + " and author_id <> all(?) order by post_id desc limit ?")
                .params(ownerId, before, hiddenAuthors.toArray(Long[]::new), limit)
                .query(Long.class)
                .list();
    }

    /**
     * Pushes a post to the next batch of its author's followers, those whose follow id is above
     * {@code afterFollowId}; answers the batch's size and its last follow id.
     */
    Batch fanOut(long postId, long authorId, long afterFollowId, int batchSize, Audience audience) {
        String insert = audience.repost()
                ? REPOST.formatted("batch f", "")
                : "insert into home_timeline (owner_id, post_id, author_id) select f.follower_id, :post, :author"
                        + " from batch f where true" + TAKES + " on conflict do nothing";
        return jdbc.sql("with batch as (select id, follower_id from follows where followee_id = :author"
                        + " and id > :after order by id limit :size), added as (" + insert + ")"
                        + " select count(*) as size, coalesce(max(id), 0) as last from batch")
                .params(audience(audience))
                .param("author", authorId)
                .param("after", afterFollowId)
                .param("size", batchSize)
                .param("post", postId)
                .query((rs, row) -> new Batch(rs.getInt("size"), rs.getLong("last")))
                .single();
    }

    /**
     * How many followers each author has, counted up to {@code cap + 1} (enough to tell few from many without
     * counting a large audience); authors without followers are left out.
     */
    Map<Long, Integer> followerCounts(List<Long> authorIds, int cap) {
        Map<Long, Integer> counts = new HashMap<>();
        if (authorIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("select a.author, (select count(*) from (select 1 from follows f where f.followee_id = a.author"
                        + " limit :cap) x) as n from unnest(:authors) as a(author)")
                .param("authors", authorIds.toArray(Long[]::new))
                .param("cap", cap + 1)
                .query(rs -> {
                    if (rs.getInt("n") > 0) {
                        counts.put(rs.getLong("author"), rs.getInt("n"));
                    }
                });
        return counts;
    }

    /**
     * Pushes each post ({@code postIds[i]} by {@code authorIds[i]}, a reply to {@code replyTos[i]}'s post or null) to
     * all its author's followers at once, under the reply rule of {@link Audience}.
     */
    void fanOutAll(List<Long> postIds, List<Long> authorIds, List<Long> replyTos) {
        if (postIds.isEmpty()) {
            return;
        }
        // why: rows in one order, so two transactions writing the same timelines cannot deadlock
        jdbc.sql("insert into home_timeline (owner_id, post_id, author_id) select f.follower_id, p.post, p.author"
                        + " from unnest(:posts, :authors, :replyTos) as p(post, author, reply_to)"
                        + " join follows f on f.followee_id = p.author"
                        + " where (p.reply_to is null or f.follower_id = p.reply_to or exists (select 1 from follows r"
                        + " where r.follower_id = f.follower_id and r.followee_id = p.reply_to))"
                        + " order by f.follower_id, p.post on conflict do nothing")
                .param("posts", postIds.toArray(Long[]::new))
                .param("authors", authorIds.toArray(Long[]::new))
                .param("replyTos", replyTos.toArray(Long[]::new))
                .update();
    }

    /** Pushes a post to the author's followers whose follow id is above {@code afterFollowId}, up to {@code untilFollowId}. */
    void fanOutRange(long postId, long authorId, long afterFollowId, long untilFollowId, Audience audience) {
        String range = " and f.followee_id = :author and f.id > :after and f.id <= :until";
        jdbc.sql(
                        audience.repost()
                                ? REPOST.formatted("follows f", range)
                                : "insert into home_timeline (owner_id, post_id, author_id)"
                                        + " select f.follower_id, :post, :author from follows f where true" + range
                                        + TAKES + " order by f.follower_id on conflict do nothing")
                .params(audience(audience))
                .param("post", postId)
                .param("author", authorId)
                .param("after", afterFollowId)
                .param("until", untilFollowId)
                .update();
    }

    /**
     * Where to cut an author's followers into ranges of {@code batchSize}: the follow id ending each full batch,
     * in order (the followers after the last one are fewer than a batch).
     */
    List<Long> batchEnds(long authorId, int batchSize) {
        return jdbc.sql("select id from (select id, row_number() over (order by id) as n from follows"
                        + " where followee_id = ?) f where n % ? = 0 order by id")
                .params(authorId, batchSize)
                .query(Long.class)
                .list();
    }

    /** A new follow: the followee's recent published posts, if the follow still stands. */
    void backfill(long ownerId, long authorId, List<Long> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        jdbc.sql("insert into home_timeline (owner_id, post_id, author_id) select :owner, p, :author"
                        + " from unnest(:posts) as p where exists (select 1 from follows"
                        + " where follower_id = :owner and followee_id = :author) on conflict do nothing")
                .param("owner", ownerId)
                .param("author", authorId)
                .param("posts", postIds.toArray(Long[]::new))
                .update();
    }

    /**
     * An unfollow: the author's posts, and the posts they reposted, leave the reader's timeline, unless they follow
     * again meanwhile.
     */
    void removeAuthor(long ownerId, long authorId) {
        jdbc.sql("delete from home_timeline where owner_id = :owner and author_id = :author and not exists"
                        + " (select 1 from follows where follower_id = :owner and followee_id = :author)")
                .param("owner", ownerId)
                .param("author", authorId)
                .update();
        jdbc.sql("delete from timeline_reposts where owner_id = :owner and reposted_by = :author and not exists"
                        + " (select 1 from follows where follower_id = :owner and followee_id = :author)")
                .param("owner", ownerId)
                .param("author", authorId)
                .update();
    }

    private static Map<String, Object> audience(Audience audience) {
        Map<String, Object> params = new HashMap<>();
        params.put("replyTo", new SqlParameterValue(Types.BIGINT, audience.replyTo()));
        params.put("repostOf", new SqlParameterValue(Types.BIGINT, audience.repostOf()));
        params.put("position", new SqlParameterValue(Types.BIGINT, audience.position()));
        return params;
    }

    /**
     * A suspended author: their posts leave their followers' timelines. Through the follows, so the index on
     * (owner, author) serves it; a former follower's rows left when they unfollowed, and reads hide any straggler.
     */
    void removeAuthorEverywhere(long authorId) {
        jdbc.sql("delete from home_timeline where author_id = :author and owner_id in"
                        + " (select follower_id from follows where followee_id = :author)")
                .param("author", authorId)
                .update();
    }

    void removePost(long postId) {
        jdbc.sql("delete from home_timeline where post_id = ?").param(postId).update();
    }

    /** A deleted account: its own timeline, and its posts in everyone else's. */
    void forget(long userId) {
        jdbc.sql("delete from home_timeline where owner_id = :user or author_id = :user")
                .param("user", userId)
                .update();
    }

    record Batch(int size, long lastFollowId) {}
}
