package dev.microposts.bus.internal;

/**
 * A place in the bus log: the transaction that logged an event ({@code xid8}), then its sequence number. Readers
 * go through events in this order, and only through those of transactions that have ended, so nothing can appear
 * behind a position once it is passed.
 */
record Position(long tx, long seq) implements Comparable<Position> {

    /** Before every event of transactions from {@code tx} on: the place a reader reaches at a horizon. */
    static Position horizon(long tx) {
        return new Position(tx, 0);
    }

    @Override
    public int compareTo(Position other) {
        int byTx = Long.compareUnsigned(tx, other.tx);
        return byTx != 0 ? byTx : Long.compare(seq, other.seq);
    }

    Position max(Position other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** The {@code xid8} as PostgreSQL reads it. */
    String txText() {
        return Long.toUnsignedString(tx);
    }
}
