package dev.microposts.posts.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code likes} table. */
@Repository
class Likes extends Marks {

    Likes(JdbcClient jdbc) {
        super(jdbc, "likes");
    }
}
