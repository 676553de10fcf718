package dev.microposts.bus.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reading the bus log and keeping each reader's position in it ({@code bus_events}, {@code bus_positions}). A
 * reader reads only events of transactions older than every transaction still running, so an event can never
 * commit behind a position it has passed.
 */
@Repository
class EventLog {

    private static final String EVENT_COLUMNS =
            "e.seq, e.tx::text as tx, e.id, e.type, e.version, e.subject, e.occurred_at, e.data::text as data,"
                    + " e.older::text as older, e.traceparent";

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Events after {@code from} (of {@code types} only, or of every type when it is empty), at most {@code limit},
     * in log order, with the horizon they were read at: every event of a transaction before it that is not in the
     * answer is either before {@code from}, of another type, or beyond the limit.
     */
    Read read(Position from, Collection<String> types, int limit) {
        List<LoggedEvent> events = new ArrayList<>(Math.min(limit, 1024));
        long[] horizon = {0};
        // why: one statement, so the events and the horizon come from the same snapshot
        jdbc.sql("select h.xmin::text as horizon, " + EVENT_COLUMNS
                        + " from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) h"
                        + " left join lateral (select * from bus_events e"
                        + " where (e.tx, e.seq) > (cast(:tx as xid8), :seq) and e.tx < h.xmin"
                        + (types.isEmpty() ? "" : " and e.type = any(:types)")
                        + " order by e.tx, e.seq limit :limit) e on true")
                .param("tx", from.txText())
                .param("seq", from.seq())
                .param("types", types.toArray(String[]::new))
                .param("limit", limit)
                .query(rs -> {
                    horizon[0] = Long.parseUnsignedLong(rs.getString("horizon"));
                    if (rs.getString("tx") != null) {
                        events.add(event(rs));
                    }
                });
        return new Read(events, Position.horizon(horizon[0]));
    }

    /**
     * The types of the events that became readable after {@code from}, whatever their number, with the horizon
     * they were read at: the next look starts there.
     */
    Changes changes(Position from) {
        return jdbc.sql("select h.xmin::text as horizon, array(select distinct e.type from bus_events e"
                        + " where (e.tx, e.seq) > (cast(:tx as xid8), :seq) and e.tx < h.xmin) as types"
                        + " from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) h")
                .param("tx", from.txText())
                .param("seq", from.seq())
                .query((rs, row) -> new Changes(
                        List.of((String[]) rs.getArray("types").getArray()),
                        Position.horizon(Long.parseUnsignedLong(rs.getString("horizon")))))
                .single();
    }

    /** Where the log is readable up to now: every event of an ended transaction is before it. */
    Position horizon() {
        return Position.horizon(Long.parseUnsignedLong(jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text")
                .query(String.class)
                .single()));
    }

    /** The event with this sequence number, if the log still has it. */
    Optional<LoggedEvent> bySeq(long seq) {
        return jdbc.sql("select " + EVENT_COLUMNS + " from bus_events e where e.seq = ?")
                .param(seq)
                .query((rs, row) -> event(rs))
                .optional();
    }

    /**
     * Makes {@code consumer} known: a new one starts at the end of the log, as it is now; a known one keeps its
     * place and has its listener and types brought up to date.
     */
    void register(String consumer, String listener, Collection<String> types) {
        jdbc.sql("insert into bus_positions (consumer, listener, types, tx, seq)"
                        + " values (:consumer, :listener, :types, pg_snapshot_xmin(pg_current_snapshot()), 0)"
                        + " on conflict (consumer) do update set listener = excluded.listener, types = excluded.types")
                .param("consumer", consumer)
                .param("listener", listener)
                .param("types", types.toArray(String[]::new))
                .update();
    }

    /**
     * Takes {@code consumer} for the current transaction, unless another process or thread has it; it is let go
     * when the transaction ends. An advisory lock: it gives the transaction no id, so it holds back no reader.
     */
    boolean tryLock(String consumer) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(4242, hashtext(?))")
                .param(consumer)
                .query(Boolean.class)
                .single());
    }

    Optional<State> state(String consumer) {
        return jdbc.sql("select tx::text as tx, seq, attempts, last_error, next_attempt_at <= now() as due"
                        + " from bus_positions where consumer = ?")
                .param(consumer)
                .query((rs, row) -> new State(
                        new Position(Long.parseUnsignedLong(rs.getString("tx")), rs.getLong("seq")),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getBoolean("due")))
                .optional();
    }

    /** Moves the consumer to {@code to} after a pass that went through; its failures in a row end. */
    void advance(String consumer, Position to) {
        jdbc.sql("update bus_positions set tx = cast(? as xid8), seq = ?, attempts = 0, last_error = null,"
                        + " next_attempt_at = now(), updated_at = now() where consumer = ?")
                .params(to.txText(), to.seq(), consumer)
                .update();
    }

    /** A pass that failed as a whole (the relay's broker is down): it is tried again after {@code backoffMillis}. */
    void failed(String consumer, String error, long backoffMillis) {
        jdbc.sql("update bus_positions set attempts = attempts + 1, last_error = ?,"
                        + " next_attempt_at = now() + ? * interval '1 millisecond' where consumer = ?")
                .params(error, backoffMillis, consumer)
                .update();
    }

    /** Ends the wait of a consumer that failed; answers whether there was one. */
    boolean retryNow(String consumer) {
        return jdbc.sql("update bus_positions set next_attempt_at = now() where consumer = ?")
                        .param(consumer)
                        .update()
                > 0;
    }

    /** Events after the consumer's position, whatever their type: the relay's unsent ones. */
    List<LoggedEvent> after(String consumer, int limit) {
        return jdbc.sql("select " + EVENT_COLUMNS + " from bus_positions p join bus_events e"
                        + " on (e.tx, e.seq) > (p.tx, p.seq) where p.consumer = ? order by e.tx, e.seq limit ?")
                .params(consumer, limit)
                .query((rs, row) -> event(rs))
                .list();
    }

    long countAfter(String consumer) {
        return jdbc.sql("select count(*) from bus_positions p join bus_events e on (e.tx, e.seq) > (p.tx, p.seq)"
                        + " where p.consumer = ?")
                .param(consumer)
                .query(Long.class)
                .single();
    }

    private static LoggedEvent event(ResultSet rs) throws SQLException {
        return new LoggedEvent(
                new Position(Long.parseUnsignedLong(rs.getString("tx")), rs.getLong("seq")),
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getInt("version"),
                rs.getString("subject"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("data"),
                rs.getString("older"),
                rs.getString("traceparent"));
    }

    /** What one read found, and the horizon it reached. */
    record Read(List<LoggedEvent> events, Position horizon) {}

    /** The types of the events a look found, and the horizon it reached. */
    record Changes(List<String> types, Position horizon) {}

    /** A consumer's stored position, with the failures of whole passes in a row. */
    record State(Position position, int attempts, String lastError, boolean due) {}
}
