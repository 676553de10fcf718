package dev.microposts.moderation.internal;

import dev.microposts.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code moderation_log} table: every moderator's action, never changed or deleted. */
@Repository
class ModerationLog {

    private static final String COLUMNS =
            "id, moderator_id, moderator, action, target_id, target, post_id, report_id, reason, created_at";

    private final JdbcClient jdbc;

    ModerationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Entry insert(
            long moderatorId,
            String moderator,
            Action action,
            Long targetId,
            String target,
            Long postId,
            Long reportId,
            String reason) {
        return jdbc.sql("insert into moderation_log (moderator_id, moderator, action, target_id, target, post_id,"
                        + " report_id, reason) values (?, ?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)
                .params(moderatorId, moderator, action.code(), targetId, target, postId, reportId, reason)
                .query(ModerationLog::map)
                .single();
    }

    /** Rows for one page, the newest first: {@code limit + 1} so the caller knows whether another follows. */
    List<Entry> page(Cursor cursor, int limit) {
        return jdbc.sql("select " + COLUMNS + " from moderation_log where id < ? order by id desc limit ?")
                .params(cursor.before(), limit + 1)
                .query(ModerationLog::map)
                .list();
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getString("moderator"),
                Action.of(rs.getString("action")),
                rs.getString("target"),
                rs.getObject("post_id", Long.class),
                rs.getObject("report_id", Long.class),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant());
    }

    /** One action as the log keeps it. */
    record Entry(
            long id,
            String moderator,
            Action action,
            String target,
            Long postId,
            Long reportId,
            String reason,
            Instant createdAt) {}
}
