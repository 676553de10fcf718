package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.ops.Leadership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Opaque bearer tokens: 256 random bits handed to the client once, of which only a SHA-256 is stored.
 * Revoking a token deletes its row, so it stops working at once on every process.
 */
@Repository
class AccessTokens {

    static final String PREFIX = "mpt_";

    private final JdbcClient jdbc;
    private final Leadership leadership;
    private final SecureRandom random = new SecureRandom();

    AccessTokens(JdbcClient jdbc, Leadership leadership) {
        this.jdbc = jdbc;
        this.leadership = leadership;
    }

    String issue(long userId, Instant expiresAt) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("insert into access_tokens (token_hash, user_id, expires_at) values (?, ?, ?)")
                .params(hash(token), userId, Timestamp.from(expiresAt))
                .update();
        return token;
    }

    /** The token's user, and whether they are an admin now (read on every request, so revoking is immediate). */
    Optional<Holder> authenticate(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select u.id, u.username, u.admin from access_tokens t join users u on u.id = t.user_id"
                        + " where t.token_hash = ? and t.expires_at > now() and u.deleted_at is null")
                .param(hash(token))
                .query((rs, row) -> new Holder(new UserRef(rs.getLong(1), rs.getString(2)), rs.getBoolean(3)))
                .optional();
    }

    /** Who holds a valid token. */
    record Holder(UserRef user, boolean admin) {}

    boolean revoke(String token) {
        return jdbc.sql("delete from access_tokens where token_hash = ?")
                        .param(hash(token))
                        .update()
                > 0;
    }

    int revokeAll(long userId) {
        return jdbc.sql("delete from access_tokens where user_id = ?")
                .param(userId)
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void deleteExpired() {
        if (!leadership.isLeader()) {
            return;
        }
        jdbc.sql("delete from access_tokens where expires_at <= now()").update();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
