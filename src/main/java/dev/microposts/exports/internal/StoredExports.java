package dev.microposts.exports.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code exports} table. */
@Repository
class StoredExports {

    private final JdbcClient jdbc;

    StoredExports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new export being built; empty when the owner has one being built already. */
    Optional<Export> insert(UUID id, long ownerId, Instant expiresAt) {
        try {
            return Optional.of(jdbc.sql("insert into exports (id, owner_id, expires_at) values (?, ?, ?) returning *")
                    .params(id, ownerId, Timestamp.from(expiresAt))
                    .query(StoredExports::map)
                    .single());
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    Optional<Export> find(UUID id) {
        return jdbc.sql("select * from exports where id = ?")
                .param(id)
                .query(StoredExports::map)
                .optional();
    }

    Optional<Export> building(long ownerId) {
        return jdbc.sql("select * from exports where owner_id = ? and status = 'building'")
                .param(ownerId)
                .query(StoredExports::map)
                .optional();
    }

    List<Export> ofOwner(long ownerId) {
        return jdbc.sql("select * from exports where owner_id = ? order by created_at desc")
                .param(ownerId)
                .query(StoredExports::map)
                .list();
    }

    /** Records the archive of an export still being built; false when it is gone or done already. */
    boolean ready(UUID id, String storageKey, long size) {
        return jdbc.sql("update exports set status = 'ready', storage_key = ?, size = ?, ready_at = now()"
                                + " where id = ? and status = 'building'")
                        .params(storageKey, size, id)
                        .update()
                > 0;
    }

    void failed(UUID id, String reason) {
        jdbc.sql("update exports set status = 'failed', reason = ? where id = ? and status = 'building'")
                .params(reason, id)
                .update();
    }

    List<Export> expired(int limit) {
        return jdbc.sql("select * from exports where expires_at < now() order by expires_at limit ?")
                .param(limit)
                .query(StoredExports::map)
                .list();
    }

    void delete(UUID id) {
        jdbc.sql("delete from exports where id = ?").param(id).update();
    }

    private static Export map(ResultSet rs, int row) throws SQLException {
        Timestamp ready = rs.getTimestamp("ready_at");
        long size = rs.getLong("size");
        return new Export(
                rs.getObject("id", UUID.class),
                rs.getLong("owner_id"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("storage_key"),
                rs.wasNull() ? null : size,
                rs.getTimestamp("created_at").toInstant(),
                ready == null ? null : ready.toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
