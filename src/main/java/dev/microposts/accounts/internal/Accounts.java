package dev.microposts.accounts.internal;

import dev.microposts.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class Accounts {

    private static final String COLUMNS =
            "id, username, display_name, bio, password_hash, created_at, updated_at, admin";

    private final JdbcClient jdbc;
    private volatile String folding;

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
        return jdbc.sql("select " + COLUMNS + " from users where lower(username) = lower(?) and deleted_at is null")
                .param(username)
                .query(Accounts::map)
                .optional();
    }

    Optional<Account> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ? and deleted_at is null")
                .param(id)
                .query(Accounts::map)
                .optional();
    }

    List<Account> byIds(Collection<Long> ids) {
        return jdbc.sql("select " + COLUMNS + " from users where id = any(?) and deleted_at is null")
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

    /**
     * Replaces a hash with one of the same password, unless the password changed meanwhile: a login's rehash
     * must never undo a password change that raced it.
     */
    void rehashPassword(long id, String oldHash, String newHash) {
        jdbc.sql("update users set password_hash = ? where id = ? and password_hash = ?")
                .params(newHash, id, oldHash)
                .update();
    }

    /**
     * Accounts whose username or display name contains {@code text}, ignoring case, best matches first: the
     * username itself, then usernames starting with it, then display names with a word starting with it,
     * then names containing it anywhere; newest accounts first within each of these tiers.
     *
     * <p>Both orders fold into one number per row, its {@code position}, so the list pages with the API's
     * usual cursor (items below a position): the tier in the bits above 2^40, the id below (ids stay far
     * below 2^40, about a trillion).
     */
    List<Ranked> matching(String text, Cursor cursor, int limit) {
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String name = "lower(display_name" + folding() + ")";
        return jdbc.sql("select * from (select " + COLUMNS + ", (4 - case"
                        + " when lower(username) = lower(:text) then 0"
                        + " when lower(username) like lower(:prefix) then 1"
                        + " when " + name + " like " + folded(":prefix") + " or " + name + " like " + folded(":word")
                        + " then 2 else 3 end) * 1099511627776 + id as position from users"
                        + " where deleted_at is null and (lower(username) like lower(:anywhere) or " + name + " like "
                        + folded(":anywhere") + ")"
                        + ") as matches where position < :before order by position desc limit :limit")
                .param("text", text)
                .param("prefix", escaped + "%")
                .param("word", "% " + escaped + "%")
                .param("anywhere", "%" + escaped + "%")
                .param("before", cursor.before())
                .param("limit", limit + 1)
                .query((rs, row) -> new Ranked(map(rs, row), rs.getLong("position")))
                .list();
    }

    private String folded(String parameter) {
        return "lower(" + parameter + folding() + ")";
    }

    /**
     * How display names are brought to lower case: in a database made with the C locale (as the embedded one
     * is when the process has no locale set) {@code lower} changes only ASCII letters, so 'Élodie' would not
     * be found as 'élodie'. ICU's root collation lowers every script, and comes with most PostgreSQL builds.
     */
    private String folding() {
        String clause = folding;
        if (clause == null) {
            boolean icu = jdbc.sql("select exists (select 1 from pg_collation where collname = 'und-x-icu')")
                    .query(Boolean.class)
                    .single();
            clause = icu ? " collate \"und-x-icu\"" : "";
            folding = clause;
        }
        return clause;
    }

    /** An account found by {@link #matching}, and where it stands in that list. */
    record Ranked(Account account, long position) {}

    /** The display names of these users, by username as stored. */
    Map<String, String> displayNames(Collection<String> usernames) {
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select username, display_name from users where lower(username) = any(?) and deleted_at is null")
                .param(usernames.stream().map(u -> u.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .query(rs -> {
                    names.put(rs.getString("username"), rs.getString("display_name"));
                });
        return names;
    }

    List<Long> adminIds() {
        return jdbc.sql("select id from users where admin and deleted_at is null order by id")
                .query(Long.class)
                .list();
    }

    /** Makes the user an admin or takes it back; empty when no such user exists. */
    Optional<Account> setAdmin(String username, boolean admin) {
        return jdbc.sql(
                        "update users set admin = ?, updated_at = now() where lower(username) = lower(?) and deleted_at is null"
                                + " returning "
                                + COLUMNS)
                .params(admin, username)
                .query(Accounts::map)
                .optional();
    }

    /**
     * Marks the account deleted, so no lookup finds it and no one can sign in as it, and records the event its
     * final deletion waits for; false when it is gone already.
     */
    boolean markDeleted(long id, UUID event) {
        return jdbc.sql("update users set deleted_at = now(), deletion_event = ? where id = ? and deleted_at is null")
                        .params(event, id)
                        .update()
                > 0;
    }

    /** Accounts marked deleted, oldest first, with the event their final deletion waits for. */
    List<Deleted> markedDeleted(int limit) {
        return jdbc.sql("select id, username, deletion_event from users where deleted_at is not null"
                        + " order by deleted_at limit ?")
                .param(limit)
                .query((rs, row) -> new Deleted(
                        rs.getLong("id"), rs.getString("username"), rs.getObject("deletion_event", UUID.class)))
                .list();
    }

    /** Deletes a row marked deleted; the foreign keys take what still refers to it. */
    void deleteMarked(long id) {
        jdbc.sql("delete from users where id = ? and deleted_at is not null")
                .param(id)
                .update();
    }

    /** An account marked deleted, still waiting for its row to go. */
    record Deleted(long id, String username, UUID event) {}

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
