package dev.microposts.moderation.internal;

import dev.microposts.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reports} table, read with the usernames of the reporter and the one reported. */
@Repository
class Reports {

    private static final String SELECT = "select r.id, r.post_id, r.reason, r.created_at, r.resolved_at,"
            + " r.resolution, r.target_id, reporter.username as reporter, target.username as target from reports r"
            + " join users reporter on reporter.id = r.reporter_id join users target on target.id = r.target_id";

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long reporterId, long targetId, Long postId, String reason) {
        return jdbc.sql("insert into reports (reporter_id, target_id, post_id, reason) values (?, ?, ?, ?)"
                        + " returning id")
                .params(reporterId, targetId, postId, reason)
                .query(Long.class)
                .single();
    }

    Optional<Report> byId(long id) {
        return jdbc.sql(SELECT + " where r.id = ?")
                .param(id)
                .query(Reports::map)
                .optional();
    }

    /** Open reports for one page, the newest first: {@code limit + 1} rows. */
    List<Report> open(Cursor cursor, int limit) {
        return jdbc.sql(SELECT + " where r.resolved_at is null and r.id < ? order by r.id desc limit ?")
                .params(cursor.before(), limit + 1)
                .query(Reports::map)
                .list();
    }

    /** Resolved reports for one page, the newest first. */
    List<Report> resolved(Cursor cursor, int limit) {
        return jdbc.sql(SELECT + " where r.resolved_at is not null and r.id < ? order by r.id desc limit ?")
                .params(cursor.before(), limit + 1)
                .query(Reports::map)
                .list();
    }

    /** Resolves one report, if still open. */
    boolean resolve(long id, Action resolution, long moderatorId) {
        return jdbc.sql("update reports set resolved_at = now(), resolution = ?, resolved_by = ?"
                                + " where id = ? and resolved_at is null")
                        .params(resolution.code(), moderatorId, id)
                        .update()
                > 0;
    }

    /** Resolves every open report on this post. */
    void resolvePost(long postId, Action resolution, long moderatorId) {
        jdbc.sql("update reports set resolved_at = now(), resolution = ?, resolved_by = ?"
                        + " where post_id = ? and resolved_at is null")
                .params(resolution.code(), moderatorId, postId)
                .update();
    }

    /** Resolves every open report on this account or one of its posts. */
    void resolveTarget(long targetId, Action resolution, long moderatorId) {
        jdbc.sql("update reports set resolved_at = now(), resolution = ?, resolved_by = ?"
                        + " where target_id = ? and resolved_at is null")
                .params(resolution.code(), moderatorId, targetId)
                .update();
    }

    private static Report map(ResultSet rs, int row) throws SQLException {
        return new Report(
                rs.getLong("id"),
                rs.getString("reporter"),
                rs.getLong("target_id"),
                rs.getString("target"),
                rs.getObject("post_id", Long.class),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("resolved_at"))
                        .map(java.sql.Timestamp::toInstant)
                        .orElse(null),
                rs.getString("resolution"));
    }

    /** A report as moderators read it. */
    record Report(
            long id,
            String reporter,
            long targetId,
            String target,
            Long postId,
            String reason,
            Instant createdAt,
            Instant resolvedAt,
            String resolution) {}
}
