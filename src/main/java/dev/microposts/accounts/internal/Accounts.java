package dev.microposts.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class Accounts {

    private static final String COLUMNS =
            "id, username, display_name, bio, password_hash, created_at, updated_at, admin";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new account, or answers empty when the username (in any case) is taken. */
    Optional<Account> insert(String username, String displayName, String passwordHash) {
        try {
            return Optional.of(jdbc.sql("insert into users (username, display_name, password_hash) values (?, ?, ?)"
                            + " returning " + COLUMNS)
                    .params(username, displayName, passwordHash)
                    .query(Accounts::map)
                    .single());
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    Optional<Account> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where lower(username) = lower(?)")
                .param(username)
                .query(Accounts::map)
                .optional();
    }

    Optional<Account> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(Accounts::map)
                .optional();
    }

    List<Account> byIds(Collection<Long> ids) {
        return jdbc.sql("select " + COLUMNS + " from users where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query(Accounts::map)
                .list();
    }

    Account updateProfile(long id, String displayName, String bio) {
        return jdbc.sql("update users set display_name = ?, bio = ?, updated_at = now() where id = ? returning "
                        + COLUMNS)
                .params(displayName, bio, id)
                .query(Accounts::map)
                .single();
    }

    void updatePassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ?, updated_at = now() where id = ?")
                .params(passwordHash, id)
                .update();
    }

    List<Long> adminIds() {
        return jdbc.sql("select id from users where admin order by id")
                .query(Long.class)
                .list();
    }

    /** Makes the user an admin or takes it back; empty when no such user exists. */
    Optional<Account> setAdmin(String username, boolean admin) {
        return jdbc.sql("update users set admin = ?, updated_at = now() where lower(username) = lower(?) returning "
                        + COLUMNS)
                .params(admin, username)
                .query(Accounts::map)
                .optional();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("bio"),
                rs.getString("password_hash"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                rs.getBoolean("admin"));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
