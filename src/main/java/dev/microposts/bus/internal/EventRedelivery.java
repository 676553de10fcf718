package dev.microposts.bus.internal;

import dev.microposts.bus.BusMeters;
import dev.microposts.bus.EventDeliveries;
import dev.microposts.ops.Leadership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps in-process deliveries going: an event set aside because its listener threw is retried, with a backoff that
 * doubles with each attempt, until it applies; each retry runs in one transaction with the removal of the failure,
 * so it applies once. Also answers the operator's questions about what is owed (events set aside, and events the
 * consumers have not reached yet), and trims the bus log. Retrying and trimming are the leader's duties: every
 * process runs the listeners, but one at a time does these for the deployment.
 */
@Component
class EventRedelivery implements EventDeliveries {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    /** What each consumer still owes: the events of its types after its position. */
    private static final String PENDING = "select p.consumer, p.listener, e.seq, e.id, e.type, e.occurred_at"
            + " from bus_positions p join bus_events e on (e.tx, e.seq) > (p.tx, p.seq) and e.type = any(p.types)";

    private final FailedDeliveries failures;
    private final EventLog eventLog;
    private final Consumers consumers;
    private final JdbcClient jdbc;
    private final BusProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final Leadership leadership;

    EventRedelivery(
            FailedDeliveries failures,
            EventLog eventLog,
            Consumers consumers,
            JdbcClient jdbc,
            BusProperties properties,
            Clock clock,
            MeterRegistry meters,
            PlatformTransactionManager transactionManager,
            Leadership leadership) {
        this.leadership = leadership;
        this.failures = failures;
        this.eventLog = eventLog;
        this.consumers = consumers;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.transactions = new TransactionTemplate(transactionManager);
        Gauge.builder(BusMeters.INCOMPLETE, this, EventRedelivery::countIncomplete)
                .description("In-process event deliveries not completed yet: set aside after a failure, or not reached")
                .register(meters);
        Gauge.builder(BusMeters.INCOMPLETE_OLDEST_AGE, this, EventRedelivery::oldestIncompleteAge)
                .description("How long the oldest in-process delivery not completed yet has waited")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Logs and counts a failed attempt ({@code microposts.events.listener.failures}, by listener). */
    static void reportFailure(
            MeterRegistry meters, Listener listener, LoggedEvent event, int attempt, RuntimeException failure) {
        String name = Incomplete.listenerName(listener.name());
        meters.counter("microposts.events.listener.failures", "listener", name).increment();
        log.warn(
                "Listener {} failed on {} (attempt {}: {}); it is retried with backoff",
                name,
                listener.eventClass().getSimpleName(),
                attempt,
                failure.toString());
    }

    @Scheduled(
            fixedDelayString = "${microposts.bus.redelivery-interval}",
            initialDelayString = "${microposts.bus.redelivery-interval}")
    void retryDue() {
        if (!consumers.isRunning() || !leadership.isLeader()) {
            return;
        }
        try {
            for (FailedDeliveries.Failure due : failures.due(100)) {
                if (consumers.listener(due.consumer()).isPresent()) {
                    transactions.executeWithoutResult(
                            status -> failures.lock(due.id()).ifPresent(this::retry));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Retrying failed event deliveries failed ({})", e.toString());
        }
    }

    private void retry(FailedDeliveries.Failure failure) {
        Listener listener = consumers.listener(failure.consumer()).orElseThrow();
        Optional<LoggedEvent> event = eventLog.bySeq(failure.eventSeq());
        if (event.isEmpty()) {
            log.warn(
                    "Event {} for listener {} is no longer in the bus log; its delivery is dropped",
                    failure.eventSeq(),
                    failure.consumer());
            failures.delivered(failure.id());
            return;
        }
        RuntimeException again = consumers.attempt(listener, List.of(event.get()));
        if (again == null) {
            failures.delivered(failure.id());
            consumers.measureOnCommit(listener, List.of(event.get()));
        } else {
            int attempt = failure.attempts() + 1;
            failures.failedAgain(failure.id(), again.toString(), clock.instant().plus(properties.backoff(attempt)));
            reportFailure(meters, listener, event.get(), attempt, again);
        }
    }

    @Override
    public long resubmitAll() {
        long count = incompleteCount();
        failures.retryAllNow();
        return count;
    }

    @Override
    public boolean resubmit(UUID id) {
        if (failures.retryNow(id)) {
            return true;
        }
        // why: an event not reached yet is on its way already; it counts as found
        return jdbc.sql("select count(*) from (" + PENDING + ") pending where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public boolean appliedEverywhere(UUID eventId) {
        return jdbc.sql("select not exists (select 1 from (" + PENDING + ") pending where id = :id)"
                        + " and not exists (select 1 from bus_failures f join bus_events e on e.seq = f.event_seq"
                        + " where e.id = :id)")
                .param("id", eventId)
                .query(Boolean.class)
                .single();
    }

    @Override
    public long incompleteCount() {
        return jdbc.sql("select (select count(*) from bus_failures) + (select count(*) from (" + PENDING + ") p)")
                .query(Long.class)
                .single();
    }

    @Override
    public List<Incomplete> incomplete(int limit) {
        return jdbc.sql("select * from (select f.id, p.listener, e.type, e.occurred_at, 'FAILED' as status,"
                        + " f.attempts from bus_failures f join bus_events e on e.seq = f.event_seq"
                        + " join bus_positions p on p.consumer = f.consumer"
                        + " union all select id, listener, type, occurred_at, 'PUBLISHED', 0 from (" + PENDING
                        + ") pending) incomplete order by occurred_at limit ?")
                .param(limit)
                .query((rs, row) -> new Incomplete(
                        rs.getObject("id", UUID.class),
                        rs.getString("listener"),
                        EventCatalog.classOf(rs.getString("type")),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("status"),
                        rs.getInt("attempts")))
                .list();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void trim() {
        if (!consumers.isRunning() || !leadership.isLeader()) {
            return;
        }
        Timestamp before = Timestamp.from(clock.instant().minus(properties.retention()));
        try {
            // why: a reader that has not moved for the whole retention is gone (a consumer removed by a release);
            // every other one keeps what it has not passed, and a failure keeps its event
            jdbc.sql("delete from bus_events e where e.occurred_at < :before and not exists (select 1 from"
                            + " bus_positions p where p.updated_at >= :before and (p.tx, p.seq) < (e.tx, e.seq))"
                            + " and not exists (select 1 from bus_failures f where f.event_seq = e.seq)")
                    .param("before", before)
                    .update();
        } catch (RuntimeException e) {
            log.warn("Trimming the bus log failed ({})", e.toString());
        }
    }

    private double oldestIncompleteAge() {
        try {
            return jdbc.sql("select coalesce(extract(epoch from now() - min(occurred_at)), 0) from ("
                            + "select e.occurred_at from bus_failures f join bus_events e on e.seq = f.event_seq"
                            + " union all select occurred_at from (" + PENDING + ") p) incomplete")
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
