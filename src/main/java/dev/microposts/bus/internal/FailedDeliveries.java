package dev.microposts.bus.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Events whose listener threw, set aside to be retried with backoff ({@code bus_failures}). */
@Repository
class FailedDeliveries {

    private final JdbcClient jdbc;

    FailedDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String consumer, long eventSeq, String error, Instant nextAttempt) {
        jdbc.sql("insert into bus_failures (id, consumer, event_seq, attempts, next_attempt_at, last_error)"
                        + " values (?, ?, ?, 1, ?, ?) on conflict (consumer, event_seq) do nothing")
                .params(UUID.randomUUID(), consumer, eventSeq, Timestamp.from(nextAttempt), error)
                .update();
    }

    /** Failures due for another attempt, oldest first; {@link #lock} takes each before it is retried. */
    List<Failure> due(int limit) {
        return jdbc.sql("select id, consumer, event_seq, attempts from bus_failures where next_attempt_at <= now()"
                        + " order by next_attempt_at limit ?")
                .param(limit)
                .query(FailedDeliveries::failure)
                .list();
    }

    /** Locks one for the current transaction; empty if it is gone or another transaction has it. */
    Optional<Failure> lock(UUID id) {
        return jdbc.sql("select id, consumer, event_seq, attempts from bus_failures where id = ?"
                        + " and next_attempt_at <= now() for update skip locked")
                .param(id)
                .query(FailedDeliveries::failure)
                .optional();
    }

    void delivered(UUID id) {
        jdbc.sql("delete from bus_failures where id = ?").param(id).update();
    }

    void failedAgain(UUID id, String error, Instant nextAttempt) {
        jdbc.sql("update bus_failures set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?")
                .params(error, Timestamp.from(nextAttempt), id)
                .update();
    }

    /** Makes every failure due now; answers how many. */
    int retryAllNow() {
        return jdbc.sql("update bus_failures set next_attempt_at = now()").update();
    }

    boolean retryNow(UUID id) {
        return jdbc.sql("update bus_failures set next_attempt_at = now() where id = ?")
                        .param(id)
                        .update()
                > 0;
    }

    private static Failure failure(ResultSet rs, int row) throws SQLException {
        return new Failure(
                rs.getObject("id", UUID.class),
                rs.getString("consumer"),
                rs.getLong("event_seq"),
                rs.getInt("attempts"));
    }

    record Failure(UUID id, String consumer, long eventSeq, int attempts) {}
}
