package dev.microposts.posts.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a list of posts shows beside each post's own row: its likes and reposts, whether the reader liked or reposted
 * it, who wrote the post it answers, the people it mentions, its tags and its videos. One statement for the whole
 * list, whatever it holds. The counts are sums over the post's rows of {@code post_counts} (kept by triggers, see
 * V31; one row once the post is quiet, up to 17 while it is being marked), so reading a post liked a million times
 * costs what reading a new one does.
 */
@Repository
class PostDetails {

    private final JdbcClient jdbc;

    PostDetails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The details of each of {@code posts} as {@code viewer} (0: nobody signed in) sees them, by post id. */
    Map<Long, Details> of(List<Post> posts, long viewer) {
        Map<Long, Details> found = new HashMap<>();
        if (posts.isEmpty()) {
            return found;
        }
        // why: the tables with several rows per post are read once for the whole page (one index scan each, by the
        // array of ids), not by a subquery per post (a page of 20 ran 140); and the statement joins nothing, so it
        // is cheap to plan: with a table joined per detail, PostgreSQL planned a single post's statement anew at
        // every call (after each new post, for one), which made it four times slower than a subquery per post
        jdbc.sql("with c as materialized (select post_id, sum(likes) as likes, sum(reposts) as reposts"
                        + " from post_counts where post_id = any(:ids) group by post_id),"
                        + " m as materialized (select post_id, array_agg(user_id order by position) as ids"
                        + " from post_mentions where post_id = any(:ids) group by post_id),"
                        + " t as materialized (select post_id, array_agg(tag order by position) as tags"
                        + " from post_tags where post_id = any(:ids) group by post_id),"
                        + " pm as materialized (select post_id, array_agg(media_id order by position) as ids"
                        + " from post_media where post_id = any(:withMedia) group by post_id)"
                        + " select p.id, coalesce((select c.likes from c where c.post_id = p.id), 0) as likes,"
                        + " coalesce((select c.reposts from c where c.post_id = p.id), 0) as reposts,"
                        + " exists (select 1 from likes l where l.post_id = p.id and l.user_id = :viewer) as liked,"
                        + " exists (select 1 from reposts r where r.post_id = p.id and r.user_id = :viewer) as reposted,"
                        + " (select q.author_id from posts q where q.id = p.parent) as parent_author,"
                        + " (select m.ids from m where m.post_id = p.id) as mentions,"
                        + " (select t.tags from t where t.post_id = p.id) as tags,"
                        + " (select pm.ids from pm where pm.post_id = p.id) as media"
                        + " from unnest(:ids, :parents) as p(id, parent)")
                .param("ids", posts.stream().map(Post::id).toArray(Long[]::new))
                .param("parents", posts.stream().map(Post::inReplyToId).toArray(Long[]::new))
                .param(
                        "withMedia",
                        posts.stream()
                                .filter(post -> post.mediaCount() > 0)
                                .map(Post::id)
                                .toArray(Long[]::new))
                .param("viewer", viewer)
                .query(rs -> {
                    found.put(
                            rs.getLong("id"),
                            new Details(
                                    rs.getLong("likes"),
                                    rs.getLong("reposts"),
                                    rs.getBoolean("liked"),
                                    rs.getBoolean("reposted"),
                                    rs.getObject("parent_author", Long.class),
                                    list(rs, "mentions", Long[].class),
                                    list(rs, "tags", String[].class),
                                    list(rs, "media", UUID[].class)));
                });
        return found;
    }

    private static <T> List<T> list(ResultSet rs, String column, Class<T[]> type) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList(type.cast(array.getArray()));
        } finally {
            array.free();
        }
    }

    /**
     * The details of one post; {@code parentAuthorId} is null for a post that answers none (or whose parent is gone).
     * {@code mentions} are user ids and {@code media} video ids, both in the order the post has them.
     */
    record Details(
            long likes,
            long reposts,
            boolean liked,
            boolean reposted,
            Long parentAuthorId,
            List<Long> mentions,
            List<String> tags,
            List<UUID> media) {}
}
