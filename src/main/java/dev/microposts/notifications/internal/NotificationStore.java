package dev.microposts.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table; an event notifies each user at most once. */
@Repository
class NotificationStore {

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one; empty when this event already notified this user. */
    Optional<Long> add(long userId, String kind, Long actorId, Long postId, UUID mediaId, String reason, UUID eventId) {
        return jdbc.sql("insert into notifications (user_id, kind, actor_id, post_id, media_id, reason, event_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id")
                .params(userId, kind, actorId, postId, mediaId, reason, eventId)
                .query(Long.class)
                .optional();
    }

    /**
     * Records that a post mentions someone, unless it already told them of that post, by a mention or by its
     * reference; empty when it did. The index {@code notifications_mentioned_once} keeps two processes telling
     * of the same post at once from both recording it.
     */
    Optional<Long> addMention(
            long userId, String kind, String referencedKind, long actorId, long postId, UUID eventId) {
        return jdbc.sql("insert into notifications (user_id, kind, actor_id, post_id, event_id)"
                        + " select ?, ?, ?, ?, ? where not exists (select 1 from notifications"
                        + " where user_id = ? and post_id = ? and kind in (?, ?)) on conflict do nothing returning id")
                .params(userId, kind, actorId, postId, eventId, userId, postId, kind, referencedKind)
                .query(Long.class)
                .optional();
    }

    /**
     * One page, newest first: {@code limit + 1} rows so the caller knows whether more follow. Those whose actor is
     * among {@code hiddenActors} are left out: told before a block or mute, they are not shown after it.
     */
    List<Notification> page(long userId, long before, int limit, boolean unreadOnly, Collection<Long> hiddenActors) {
        return jdbc.sql("select id, kind, actor_id, post_id, media_id, reason, created_at, read_at"
                        + " from notifications where user_id = ? and id < ?"
                        + " and (actor_id is null or actor_id <> all(?))"
                        + (unreadOnly ? " and read_at is null" : "") + " order by id desc limit ?")
                .params(userId, before, hiddenActors.toArray(Long[]::new), limit + 1)
                .query(NotificationStore::map)
                .list();
    }

    /** Every notification to the user, and every one about something the user did. */
    void forget(long userId) {
        jdbc.sql("delete from notifications where user_id = :user or actor_id = :user")
                .param("user", userId)
                .update();
    }

    /** How many are unread, but those whose actor is among {@code hiddenActors}, as {@link #page} leaves them out. */
    long unread(long userId, Collection<Long> hiddenActors) {
        return jdbc.sql("select count(*) from notifications where user_id = ? and read_at is null"
                        + " and (actor_id is null or actor_id <> all(?))")
                .params(userId, hiddenActors.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    /** Marks one as read; false if the user has no such notification. */
    boolean markRead(long userId, long id) {
        return jdbc.sql("update notifications set read_at = coalesce(read_at, now()) where user_id = ? and id = ?")
                        .params(userId, id)
                        .update()
                > 0;
    }

    /** Marks these as read, and no others: what a page showed, not what arrived after it was read. */
    void markRead(long userId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update notifications set read_at = now() where user_id = ? and id = any(?) and read_at is null")
                .params(userId, ids.toArray(Long[]::new))
                .update();
    }

    /** Marks all up to {@code upTo} (all of them when null) as read; answers how many changed. */
    int markAllRead(long userId, Long upTo) {
        return jdbc.sql("update notifications set read_at = now() where user_id = ? and read_at is null"
                        + " and id <= ?")
                .params(userId, upTo == null ? Long.MAX_VALUE : upTo)
                .update();
    }

    private static Notification map(ResultSet rs, int row) throws SQLException {
        return new Notification(
                rs.getLong("id"),
                rs.getString("kind"),
                (Long) rs.getObject("actor_id"),
                (Long) rs.getObject("post_id"),
                rs.getObject("media_id", UUID.class),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("read_at") == null
                        ? null
                        : rs.getTimestamp("read_at").toInstant());
    }

    record Notification(
            long id,
            String kind,
            Long actorId,
            Long postId,
            UUID mediaId,
            String reason,
            Instant createdAt,
            Instant readAt) {}
}
