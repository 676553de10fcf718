package dev.microposts.bus.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Events recorded in the bus log that the broker has not taken yet, for the operator. */
@Component
class Backlog {

    private final JdbcClient jdbc;

    Backlog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The oldest unsent events, first to last. */
    List<Unsent> unsent(int limit) {
        return jdbc.sql("select seq, type, occurred_at, send_attempts, last_error from bus_events"
                        + " where sent_at is null order by seq limit ?")
                .param(limit)
                .query((rs, row) -> new Unsent(
                        rs.getLong("seq"),
                        rs.getString("type"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getInt("send_attempts"),
                        rs.getString("last_error")))
                .list();
    }

    long unsentCount() {
        return jdbc.sql("select count(*) from bus_events where sent_at is null")
                .query(Long.class)
                .single();
    }

    /** Cancels every unsent event's backoff, so the relay's next pass sends them; answers how many. */
    int sendUnsentNow() {
        return jdbc.sql("update bus_events set next_attempt_at = now() where sent_at is null")
                .update();
    }

    record Unsent(long seq, String type, Instant occurredAt, int attempts, String lastError) {}
}
