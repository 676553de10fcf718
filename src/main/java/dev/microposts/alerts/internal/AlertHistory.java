package dev.microposts.alerts.internal;

import dev.microposts.alerts.Alert;
import dev.microposts.alerts.AlertFired;
import dev.microposts.alerts.AlertResolved;
import dev.microposts.alerts.Alerts;
import dev.microposts.bus.DomainEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The alerts' history, each transition written together with the event that announces it. */
@Repository
class AlertHistory implements Alerts {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AlertHistory(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Alert fire(AlertRule rule, double value, String node) {
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into alerts (rule, severity, summary, node, value, threshold, fired_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (rule) where resolved_at is null do nothing
                        returning id""")
                .params(
                        rule.name(),
                        rule.severity(),
                        rule.summary(),
                        node,
                        value,
                        rule.threshold(),
                        Timestamp.from(now))
                .query(Long.class)
                .optional()
                .orElse(-1L);
        if (id < 0) {
            // why: already open (fired by a leader before this one); nothing new happened
            return open().get(rule.name());
        }
        events.publishEvent(new AlertFired(
                DomainEvent.newId(),
                now,
                id,
                rule.name(),
                rule.severity(),
                rule.summary(),
                value,
                rule.threshold(),
                node));
        return new Alert(
                id, rule.name(), rule.severity(), rule.summary(), node, value, rule.threshold(), now, null, null);
    }

    @Transactional
    void resolve(Alert alert, double value) {
        Instant now = clock.instant();
        int updated = jdbc.sql(
                        "update alerts set resolved_at = ?, resolved_value = ? where id = ? and resolved_at is null")
                .params(Timestamp.from(now), value, alert.id())
                .update();
        if (updated == 1) {
            events.publishEvent(new AlertResolved(
                    DomainEvent.newId(), now, alert.id(), alert.rule(), value, alert.firedAt(), alert.node()));
        }
    }

    /** The deployment's open alerts, by rule: at most one each. */
    Map<String, Alert> open() {
        return jdbc.sql("select * from alerts where resolved_at is null").query(AlertHistory::alert).list().stream()
                .collect(Collectors.toMap(Alert::rule, alert -> alert));
    }

    @Override
    public List<Alert> firing() {
        return jdbc.sql("select * from alerts where resolved_at is null order by fired_at desc")
                .query(AlertHistory::alert)
                .list();
    }

    @Override
    public List<Alert> recent(int limit) {
        return jdbc.sql("select * from alerts order by fired_at desc, id desc limit ?")
                .param(limit)
                .query(AlertHistory::alert)
                .list();
    }

    private static Alert alert(ResultSet row, int number) throws SQLException {
        Timestamp resolved = row.getTimestamp("resolved_at");
        Double resolvedValue = row.getObject("resolved_value", Double.class);
        return new Alert(
                row.getLong("id"),
                row.getString("rule"),
                row.getString("severity"),
                row.getString("summary"),
                row.getString("node"),
                row.getDouble("value"),
                row.getDouble("threshold"),
                row.getTimestamp("fired_at").toInstant(),
                resolved == null ? null : resolved.toInstant(),
                resolvedValue);
    }
}
