package dev.microposts.accounts.internal;

import dev.microposts.ops.Leadership;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, kept in PostgreSQL so every web process sees the same counts.
 *
 * <p>Three sliding windows: failures for one account from one address, from one address across all
 * accounts, and for one account from all addresses. The last one only applies to addresses the
 * account has never logged in from, so an attacker hammering an account cannot lock its owner out.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AccountsProperties.Throttle limits;
    private final Clock clock;
    private final Leadership leadership;

    LoginThrottle(JdbcClient jdbc, AccountsProperties properties, Clock clock, Leadership leadership) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.limits = properties.throttle();
        this.clock = clock;
    }

    /**
     * Records an attempt as failed until it succeeds, and answers its id. Recording first means
     * parallel guesses see each other: each is judged on the attempts recorded before it.
     */
    long attempted(String username, String address) {
        return jdbc.sql("insert into login_failures (username, client_address) values (?, ?) returning id")
                .params(username.toLowerCase(Locale.ROOT), address)
                .query(Long.class)
                .single();
    }

    /** How long the client must wait before trying again, or empty if {@code attempt} may go on. */
    Optional<Duration> waitBefore(String username, String address, long attempt) {
        String name = username.toLowerCase(Locale.ROOT);
        Instant since = clock.instant().minus(limits.window());
        Optional<Duration> wait = wait(
                "select failed_at from login_failures where username = ? and client_address = ? and failed_at > ?"
                        + " and id < ? order by id desc offset ? - 1 limit 1",
                limits.perAccountAndAddress(),
                name,
                address,
                since,
                attempt);
        if (wait.isEmpty()) {
            wait = wait(
                    "select failed_at from login_failures where client_address = ? and failed_at > ?"
                            + " and id < ? order by id desc offset ? - 1 limit 1",
                    limits.perAddress(),
                    address,
                    since,
                    attempt);
        }
        if (wait.isEmpty() && !isKnownAddress(name, address)) {
            wait = wait(
                    "select failed_at from login_failures where username = ? and failed_at > ?"
                            + " and id < ? order by id desc offset ? - 1 limit 1",
                    limits.perAccount(),
                    name,
                    since,
                    attempt);
        }
        return wait;
    }

    void succeeded(long userId, String username, String address) {
        // the attempt that just succeeded goes too, with the failures before it from this address
        jdbc.sql("delete from login_failures where username = ? and client_address = ?")
                .params(username.toLowerCase(Locale.ROOT), address)
                .update();
        jdbc.sql("insert into known_login_addresses (user_id, client_address) values (?, ?)"
                        + " on conflict (user_id, client_address) do update set last_login_at = now()")
                .params(userId, address)
                .update();
    }

    /** Forgets the failures and the known addresses of an account that is being deleted. */
    void forget(long userId, String username) {
        jdbc.sql("delete from login_failures where username = ?")
                .param(username.toLowerCase(Locale.ROOT))
                .update();
        jdbc.sql("delete from known_login_addresses where user_id = ?")
                .param(userId)
                .update();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void forgetOldFailures() {
        if (!leadership.isLeader()) {
            return;
        }
        jdbc.sql("delete from login_failures where failed_at < ?")
                .param(Timestamp.from(clock.instant().minus(limits.window())))
                .update();
    }

    private boolean isKnownAddress(String username, String address) {
        return jdbc.sql("select 1 from known_login_addresses k join users u on u.id = k.user_id"
                        + " where lower(u.username) = ? and k.client_address = ?")
                .params(username, address)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * With {@code limit} failures inside the window, the client waits until the oldest of the newest
     * {@code limit} failures leaves it.
     */
    private Optional<Duration> wait(String sql, int limit, Object... keys) {
        Object[] params = new Object[keys.length + 1];
        for (int i = 0; i < keys.length; i++) {
            params[i] = keys[i] instanceof Instant instant ? Timestamp.from(instant) : keys[i];
        }
        params[keys.length] = limit;
        return jdbc.sql(sql)
                .params(params)
                .query(Timestamp.class)
                .optional()
                .map(oldest ->
                        Duration.between(clock.instant(), oldest.toInstant().plus(limits.window())))
                .filter(d -> !d.isNegative() && !d.isZero());
    }
}
