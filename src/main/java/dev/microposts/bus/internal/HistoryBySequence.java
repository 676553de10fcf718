package dev.microposts.bus.internal;

import dev.microposts.bus.BusHistory;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link BusHistory} straight from {@code bus_events}, by sequence number alone. */
@Repository
class HistoryBySequence implements BusHistory {

    private final JdbcClient jdbc;

    HistoryBySequence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Entry> after(long seq, int limit) {
        return jdbc.sql("select seq, type, version, subject, occurred_at, data::text as data from bus_events"
                        + " where seq > ? order by seq limit ?")
                .params(seq, limit)
                .query((rs, row) -> new Entry(
                        rs.getLong("seq"),
                        rs.getString("type"),
                        rs.getInt("version"),
                        rs.getString("subject"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("data")))
                .list();
    }

    @Override
    public long newest() {
        return jdbc.sql("select coalesce(max(seq), 0) from bus_events")
                .query(Long.class)
                .single();
    }
}
