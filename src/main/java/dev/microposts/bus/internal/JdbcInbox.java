package dev.microposts.bus.internal;

import dev.microposts.bus.Inbox;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The inbox in PostgreSQL: a row per consumer and event id, inserted in the consumer's transaction. */
@Component
class JdbcInbox implements Inbox {

    private final JdbcClient jdbc;

    JdbcInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return jdbc.sql("insert into event_inbox (consumer, event_id) values (?, ?) on conflict do nothing")
                        .params(consumer, eventId)
                        .update()
                > 0;
    }
}
