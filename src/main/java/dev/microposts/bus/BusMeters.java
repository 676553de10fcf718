package dev.microposts.bus;

/**
 * The names of the bus's metrics that other modules read (the operations dashboard, alert rules). The bus
 * registers them; each name is written once, here.
 */
public final class BusMeters {

    /** Gauge of events committed but not yet sent to the broker. */
    public static final String UNSENT = "microposts.bus.unsent";

    /** Gauge of deliveries to listeners that have not completed. */
    public static final String INCOMPLETE = "microposts.events.incomplete";

    /** Gauge of the age in seconds of the oldest incomplete delivery. */
    public static final String INCOMPLETE_OLDEST_AGE = "microposts.events.incomplete.oldest.age";

    private BusMeters() {}
}
