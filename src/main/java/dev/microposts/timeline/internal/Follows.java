package dev.microposts.timeline.internal;

import dev.microposts.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code follows} table. */
@Repository
class Follows {

    private final JdbcClient jdbc;

    Follows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Follows, doing nothing if already following; true when a new follow was recorded. */
    boolean follow(long followerId, long followeeId) {
        return jdbc.sql("insert into follows (follower_id, followee_id) values (?, ?) on conflict do nothing")
                        .params(followerId, followeeId)
                        .update()
                > 0;
    }

    boolean unfollow(long followerId, long followeeId) {
        return jdbc.sql("delete from follows where follower_id = ? and followee_id = ?")
                        .params(followerId, followeeId)
                        .update()
                > 0;
    }

    List<Long> followeeIds(long followerId) {
        return jdbc.sql("select followee_id from follows where follower_id = ?")
                .param(followerId)
                .query(Long.class)
                .list();
    }

    List<Follow> followers(long userId, Cursor cursor, int limit) {
        return jdbc.sql("select id, follower_id as other, created_at from follows"
                        + " where followee_id = ? and id < ? order by id desc limit ?")
                .params(userId, cursor.before(), limit + 1)
                .query(Follows::map)
                .list();
    }

    List<Follow> following(long userId, Cursor cursor, int limit) {
        return jdbc.sql("select id, followee_id as other, created_at from follows"
                        + " where follower_id = ? and id < ? order by id desc limit ?")
                .params(userId, cursor.before(), limit + 1)
                .query(Follows::map)
                .list();
    }

    private static Follow map(ResultSet rs, int row) throws SQLException {
        return new Follow(
                rs.getLong("id"),
                rs.getLong("other"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** One edge of the graph, seen from one side: {@code userId} is the other person. */
    record Follow(long id, long userId, Instant since) {}
}
