package dev.microposts.bus.internal;

import dev.microposts.bus.EventDeliveries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps in-process deliveries going: a publication whose listener failed is resubmitted after a backoff that
 * doubles with each attempt (the staleness monitor turns those left behind by a killed process into failed
 * ones, and a restart resubmits what was outstanding). Also trims the bus log and the inbox.
 */
@Component
class EventRedelivery implements EventDeliveries {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    private final FailedEventPublications failed;
    private final IncompleteEventPublications incomplete;
    private final JdbcClient jdbc;
    private final BusProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Integer> reported = new HashMap<>();

    EventRedelivery(
            FailedEventPublications failed,
            IncompleteEventPublications incomplete,
            JdbcClient jdbc,
            BusProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.failed = failed;
        this.incomplete = incomplete;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("microposts.events.incomplete", this, EventRedelivery::countIncomplete)
                .description("In-process event deliveries not completed yet")
                .register(meters);
        Gauge.builder("microposts.events.incomplete.oldest.age", this, EventRedelivery::oldestIncompleteAge)
                .description("How long the oldest in-process delivery not completed yet has waited")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${microposts.bus.redelivery-interval}",
            initialDelayString = "${microposts.bus.redelivery-interval}")
    void resubmitFailed() {
        if (!properties.relay()) {
            return;
        }
        try {
            reportFailures();
            failed.resubmit(ResubmissionOptions.defaults().withFilter(this::due));
        } catch (RuntimeException e) {
            log.warn("Resubmitting failed event publications failed ({})", e.toString());
        }
    }

    /**
     * Logs and counts each failed attempt once ({@code microposts.events.listener.failures}, by listener): the
     * registry records a listener's failure without telling anyone.
     */
    private void reportFailures() {
        Map<String, Integer> seen = new HashMap<>();
        jdbc.sql("select id, listener_id, event_type, completion_attempts from event_publication"
                        + " where completion_date is null and status = 'FAILED'")
                .query(rs -> {
                    String id = rs.getString("id");
                    int attempts = rs.getInt("completion_attempts");
                    seen.put(id, attempts);
                    if (!Integer.valueOf(attempts).equals(reported.get(id))) {
                        String listener = Incomplete.listenerName(rs.getString("listener_id"));
                        meters.counter("microposts.events.listener.failures", "listener", listener)
                                .increment();
                        log.warn(
                                "Listener {} failed on {} (attempt {}); it is retried with backoff",
                                listener,
                                rs.getString("event_type")
                                        .substring(rs.getString("event_type").lastIndexOf('.') + 1),
                                attempts);
                    }
                });
        reported.clear();
        reported.putAll(seen);
    }

    @Override
    public long resubmitAll() {
        long count = incompleteCount();
        incomplete.resubmitIncompletePublications(publication -> true);
        return count;
    }

    @Override
    public boolean resubmit(UUID id) {
        boolean exists = jdbc.sql("select count(*) from event_publication where id = ? and completion_date is null")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            incomplete.resubmitIncompletePublications(
                    publication -> publication.getIdentifier().equals(id));
        }
        return exists;
    }

    @Override
    public long incompleteCount() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class)
                .single();
    }

    @Override
    public List<Incomplete> incomplete(int limit) {
        return jdbc.sql("select id, listener_id, event_type, publication_date, status, completion_attempts,"
                        + " last_resubmission_date from event_publication where completion_date is null"
                        + " order by publication_date limit ?")
                .param(limit)
                .query((rs, row) -> new Incomplete(
                        rs.getObject("id", UUID.class),
                        rs.getString("listener_id"),
                        rs.getString("event_type"),
                        rs.getTimestamp("publication_date").toInstant(),
                        rs.getString("status"),
                        rs.getInt("completion_attempts")))
                .list();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void trim() {
        if (!properties.relay()) {
            return;
        }
        Timestamp before = Timestamp.from(clock.instant().minus(properties.retention()));
        try {
            jdbc.sql("delete from bus_events where sent_at is not null and occurred_at < ?")
                    .param(before)
                    .update();
            jdbc.sql("delete from event_inbox where applied_at < ?")
                    .param(before)
                    .update();
        } catch (RuntimeException e) {
            log.warn("Trimming the bus log failed ({})", e.toString());
        }
    }

    private boolean due(EventPublication publication) {
        Instant last = publication.getLastResubmissionDate() != null
                ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
        return !clock.instant().isBefore(last.plus(properties.backoff(publication.getCompletionAttempts())));
    }

    private double oldestIncompleteAge() {
        try {
            return jdbc.sql("select coalesce(extract(epoch from now() - min(publication_date)), 0)"
                            + " from event_publication where completion_date is null")
                    .query(Double.class)
                    .single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double countIncomplete() {
        try {
            return incompleteCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
