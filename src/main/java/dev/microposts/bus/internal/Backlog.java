package dev.microposts.bus.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Events recorded in the bus log that the broker has not taken yet, for the operator. */
@Component
class Backlog {

    private final EventLog eventLog;

    Backlog(EventLog eventLog) {
        this.eventLog = eventLog;
    }

    /** The oldest unsent events, first to last, with what the relay's last failed pass said. */
    List<Unsent> unsent(int limit) {
        EventLog.State relay = eventLog.state(Relay.CONSUMER).orElse(null);
        return eventLog.after(Relay.CONSUMER, limit).stream()
                .map(event -> new Unsent(
                        event.seq(),
                        event.type(),
                        event.occurredAt(),
                        relay == null ? 0 : relay.attempts(),
                        relay == null ? null : relay.lastError()))
                .toList();
    }

    long unsentCount() {
        return eventLog.countAfter(Relay.CONSUMER);
    }

    /** Ends the relay's backoff, so its next pass sends them; answers how many there are. */
    int sendUnsentNow() {
        eventLog.retryNow(Relay.CONSUMER);
        return (int) unsentCount();
    }

    record Unsent(long seq, String type, Instant occurredAt, int attempts, String lastError) {}
}
