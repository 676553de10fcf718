package dev.microposts.posts.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reposts} table. */
@Repository
class Reposts extends Marks {

    private final JdbcClient jdbc;

    Reposts(JdbcClient jdbc) {
        super(jdbc, "reposts");
        this.jdbc = jdbc;
    }

    /** Who reposted the post, oldest first. */
    List<Long> of(long postId) {
        return jdbc.sql("select user_id from reposts where post_id = ? order by created_at, user_id")
                .param(postId)
                .query(Long.class)
                .list();
    }
}
