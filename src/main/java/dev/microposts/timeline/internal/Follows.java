package dev.microposts.timeline.internal;

import dev.microposts.timeline.FollowGraph;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code follows} table. */
@Repository
class Follows implements FollowGraph {

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

    @Override
    public Set<Long> followersAmong(long userId, Collection<Long> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select follower_id from follows where followee_id = ? and follower_id = any(?)")
                .params(userId, candidates.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    /** Those of {@code candidates} whom {@code userId} follows. */
    Set<Long> followeesAmong(long userId, Collection<Long> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select followee_id from follows where follower_id = ? and followee_id = any(?)")
                .params(userId, candidates.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    boolean follows(long followerId, long followeeId) {
        return jdbc.sql("select exists (select 1 from follows where follower_id = ? and followee_id = ?)")
                .params(followerId, followeeId)
                .query(Boolean.class)
                .single();
    }

    /** How many follow the user, and how many the user follows. */
    Counts counts(long userId) {
        return jdbc.sql("select (select count(*) from follows where followee_id = :id) as followers,"
                        + " (select count(*) from follows where follower_id = :id) as following")
                .param("id", userId)
                .query((rs, row) -> new Counts(rs.getLong("followers"), rs.getLong("following")))
                .single();
    }

    record Counts(long followers, long following) {}

    List<Long> followeeIds(long followerId) {
        return jdbc.sql("select followee_id from follows where follower_id = ?")
                .param(followerId)
                .query(Long.class)
                .list();
    }

    /** One page of a user's followers or followings, most recent first. */
    Page<Follow> list(Side side, long userId, PageRequest page) {
        List<Follow> rows = jdbc.sql("select id, " + side.listed + " as other, created_at from follows" + " where "
                        + side.owner + " = ? and id < ? order by id desc limit ?")
                .params(userId, page.cursor().before(), page.limit() + 1)
                .query(Follows::map)
                .list();
        return Page.of(rows, page.limit(), Follow::id);
    }

    @Override
    public List<Long> following(long userId) {
        return jdbc.sql("select followee_id from follows where follower_id = ? order by id")
                .param(userId)
                .query(Long.class)
                .list();
    }

    @Override
    public List<Long> followers(long userId) {
        return jdbc.sql("select follower_id from follows where followee_id = ? order by id")
                .param(userId)
                .query(Long.class)
                .list();
    }

    /** A deleted account follows no one and has no followers. */
    void forget(long userId) {
        jdbc.sql("delete from follows where follower_id = :user or followee_id = :user")
                .param("user", userId)
                .update();
    }

    private static Follow map(ResultSet rs, int row) throws SQLException {
        return new Follow(
                rs.getLong("id"),
                rs.getLong("other"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** Which list: the people following a user, or the people a user follows. */
    enum Side {
        FOLLOWERS("followee_id", "follower_id"),
        FOLLOWING("follower_id", "followee_id");

        private final String owner;
        private final String listed;

        Side(String owner, String listed) {
            this.owner = owner;
            this.listed = listed;
        }
    }

    /** One edge of the graph, seen from one side: {@code userId} is the other person. */
    record Follow(long id, long userId, Instant since) {}
}
