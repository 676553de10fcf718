package dev.microposts.bus.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The inbox in PostgreSQL: a row per consumer and event id, inserted in the consumer's transaction. */
@Component
class JdbcInbox implements Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    JdbcInbox(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, DomainEvent event) {
        boolean first = jdbc.sql("insert into event_inbox (consumer, event_id) values (?, ?) on conflict do nothing")
                        .params(consumer, event.id())
                        .update()
                > 0;
        if (first) {
            // why: the lag of an event applied, so measured once its consumer's transaction commits
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    Lag.timer(
                                    "microposts.events.delivery.lag",
                                    "From the moment an event happened to the moment a listener applied it")
                            .tag("consumer", consumer)
                            .register(meters)
                            .record(Lag.since(event.occurredAt(), clock.instant()));
                }
            });
        }
        return first;
    }
}
