package dev.microposts.posts.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reposts} table. */
@Repository
class Reposts extends Marks {

    Reposts(JdbcClient jdbc) {
        super(jdbc, "reposts");
    }
}
