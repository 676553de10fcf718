package dev.microposts.posts.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a list of posts shows beside each: its likes and reposts, whether the reader liked or reposted it, and who
 * wrote the post it answers. One statement for the whole list; each count is an index-only count over the post's own
 * range of the table's key, so it costs the same whether the likes came slowly or all at once.
 */
@Repository
class Engagements {

    private final JdbcClient jdbc;

    Engagements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Long, Engagement> of(List<Post> posts, long viewer) {
        Map<Long, Engagement> found = new HashMap<>();
        if (posts.isEmpty()) {
            return found;
        }
        jdbc.sql("select p.id, (select count(*) from likes l where l.post_id = p.id) as likes,"
                        + " (select count(*) from reposts r where r.post_id = p.id) as reposts,"
                        + " exists (select 1 from likes l where l.post_id = p.id and l.user_id = :viewer) as liked,"
                        + " exists (select 1 from reposts r where r.post_id = p.id and r.user_id = :viewer) as reposted,"
                        + " (select q.author_id from posts q where q.id = p.parent) as parent_author"
                        + " from unnest(:ids, :parents) as p(id, parent)")
                .param("ids", posts.stream().map(Post::id).toArray(Long[]::new))
                .param("parents", posts.stream().map(Post::inReplyToId).toArray(Long[]::new))
                .param("viewer", viewer)
                .query(rs -> {
                    found.put(
                            rs.getLong("id"),
                            new Engagement(
                                    rs.getLong("likes"),
                                    rs.getLong("reposts"),
                                    rs.getBoolean("liked"),
                                    rs.getBoolean("reposted"),
                                    rs.getObject("parent_author", Long.class)));
                });
        return found;
    }

    /** The figures of one post; {@code parentAuthorId} is null for a post that answers none (or whose parent is gone). */
    record Engagement(long likes, long reposts, boolean liked, boolean reposted, Long parentAuthorId) {}
}
