package dev.microposts.posts.internal;

import dev.microposts.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code posts} table. Lists are read by keyset ({@code id < cursor}), newest first. */
@Repository
class StoredPosts {

    private static final String COLUMNS = "id, author_id, text, referenced_id, created_at, edited_at, version";

    private final JdbcClient jdbc;

    StoredPosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Post insert(long authorId, String text, Long referencedId) {
        return jdbc.sql("insert into posts (author_id, text, referenced_id) values (?, ?, ?) returning " + COLUMNS)
                .params(authorId, text, referencedId)
                .query(StoredPosts::map)
                .single();
    }

    Optional<Post> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from posts where id = ?")
                .param(id)
                .query(StoredPosts::map)
                .optional();
    }

    /** Rows for one page: {@code limit + 1} so the caller knows whether another page follows. */
    List<Post> byAuthor(long authorId, Cursor cursor, int limit) {
        return jdbc.sql("select " + COLUMNS + " from posts where author_id = ? and id < ? order by id desc limit ?")
                .params(authorId, cursor.before(), limit + 1)
                .query(StoredPosts::map)
                .list();
    }

    List<Post> byAuthors(Collection<Long> authorIds, Cursor cursor, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from posts where author_id = any(?) and id < ? order by id desc limit ?")
                .params(authorIds.toArray(Long[]::new), cursor.before(), limit + 1)
                .query(StoredPosts::map)
                .list();
    }

    List<Post> matching(String query, Cursor cursor, int limit) {
        return jdbc.sql("select " + COLUMNS + " from posts where search @@ websearch_to_tsquery('simple', ?)"
                        + " and id < ? order by id desc limit ?")
                .params(query, cursor.before(), limit + 1)
                .query(StoredPosts::map)
                .list();
    }

    /**
     * Sets the given columns in one statement, so edits of different fields never overwrite each other.
     * With {@code expectedVersion}, the update only happens if nobody edited the post in between.
     */
    Optional<Post> update(
            long id, Optional<String> text, Optional<Optional<Long>> referencedId, Integer expectedVersion) {
        return jdbc.sql("update posts set"
                        + " text = case when :setText then :text else text end,"
                        + " referenced_id = case when :setReferenced then :referenced else referenced_id end,"
                        + " edited_at = now(), version = version + 1"
                        + " where id = :id and (cast(:expected as integer) is null or version = :expected)"
                        + " returning " + COLUMNS)
                .param("setText", text.isPresent())
                .param("text", text.orElse(null))
                .param("setReferenced", referencedId.isPresent())
                .param("referenced", referencedId.flatMap(r -> r).orElse(null), Types.BIGINT)
                .param("id", id)
                .param("expected", expectedVersion, Types.INTEGER)
                .query(StoredPosts::map)
                .optional();
    }

    boolean delete(long id, Integer expectedVersion) {
        return jdbc.sql(
                                "delete from posts where id = :id and (cast(:expected as integer) is null or version = :expected)")
                        .param("id", id)
                        .param("expected", expectedVersion, Types.INTEGER)
                        .update()
                > 0;
    }

    private static Post map(ResultSet rs, int row) throws SQLException {
        return new Post(
                rs.getLong("id"),
                rs.getLong("author_id"),
                rs.getString("text"),
                rs.getObject("referenced_id", Long.class),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("edited_at")),
                rs.getInt("version"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
