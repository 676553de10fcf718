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
 * list, whatever it holds. The counts are sums over the post's few rows of {@code post_counts} (kept by triggers, see
 * V31), so reading a post liked a million times costs what reading a new one does.
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
        jdbc.sql("select p.id, coalesce(c.likes, 0) as likes, coalesce(c.reposts, 0) as reposts,"
                        + " exists (select 1 from likes l where l.post_id = p.id and l.user_id = :viewer) as liked,"
                        + " exists (select 1 from reposts r where r.post_id = p.id and r.user_id = :viewer) as reposted,"
                        + " (select q.author_id from posts q where q.id = p.parent) as parent_author,"
                        + " array(select m.user_id from post_mentions m where m.post_id = p.id order by m.position)"
                        + " as mentions,"
                        + " array(select t.tag from post_tags t where t.post_id = p.id order by t.position) as tags,"
                        + " case when p.media_count > 0 then array(select pm.media_id from post_media pm"
                        + " where pm.post_id = p.id order by pm.position) end as media"
                        + " from unnest(:ids, :parents, :mediaCounts) as p(id, parent, media_count)"
                        + " left join lateral (select sum(n.likes) as likes, sum(n.reposts) as reposts"
                        + " from post_counts n where n.post_id = p.id) c on true")
                .param("ids", posts.stream().map(Post::id).toArray(Long[]::new))
                .param("parents", posts.stream().map(Post::inReplyToId).toArray(Long[]::new))
                .param("mediaCounts", posts.stream().map(Post::mediaCount).toArray(Integer[]::new))
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
