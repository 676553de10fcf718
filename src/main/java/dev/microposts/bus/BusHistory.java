package dev.microposts.bus;

import java.time.Instant;
import java.util.List;

/**
 * The bus log in the order of its sequence numbers, for a reader that keeps its own place by number rather than
 * through a registered consumer: live streams, which resume from the number a browser last saw. The numbers
 * are given out as events are written, so one can show up after a higher one has (its transaction committed
 * later); such a reader watches for gaps itself.
 */
public interface BusHistory {

    /** The events numbered above {@code seq}, oldest first, at most {@code limit}. */
    List<Entry> after(long seq, int limit);

    /** The highest number in the log; 0 when it is empty. */
    long newest();

    /**
     * One event of the log.
     *
     * @param data the event as JSON text, in its current version
     */
    record Entry(long seq, String type, int version, String subject, Instant occurredAt, String data) {}
}
