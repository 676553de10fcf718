package dev.microposts.bus.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the bus log, as written by {@link BusLog}: {@code data} and {@code older} are the JSON texts of the
 * event's current and older versions.
 */
record LoggedEvent(
        Position position,
        UUID id,
        String type,
        int version,
        String subject,
        Instant occurredAt,
        String data,
        String older,
        String traceparent) {

    long seq() {
        return position.seq();
    }
}
