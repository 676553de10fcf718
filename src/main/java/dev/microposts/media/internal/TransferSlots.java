package dev.microposts.media.internal;

import dev.microposts.web.ClientAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request threads that video uploads and downloads may hold. Such a request lasts as long as its client's
 * network does, so a few clients that read or send one byte at a time would otherwise pin every thread of the
 * web server. Counted per client (an IPv6 /64 is one client) and in total, in this process: the threads are
 * this process's own.
 */
final class TransferSlots {

    /** Whether a transfer was let in, and why not. */
    enum Admission {
        ADMITTED,
        /** This client holds its share already. */
        CLIENT_BUSY,
        /** The process holds as many transfers as it allows. */
        PROCESS_BUSY
    }

    private final int perClient;
    private final int total;
    private final AtomicInteger held = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    TransferSlots(int perClient, int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /**
     * A transfer let in or refused. An admitted one gives its slot back with {@link #release}, which needs the
     * client's key worked out again no more.
     */
    record Slot(Admission admission, String client) {}

    /** Takes a slot for the client at {@code remoteAddress}, or says why not. */
    Slot acquire(String remoteAddress) {
        if (total > 0 && held.incrementAndGet() > total) {
            held.decrementAndGet();
            return new Slot(Admission.PROCESS_BUSY, null);
        }
        if (perClient <= 0) {
            return new Slot(Admission.ADMITTED, null);
        }
        String client = ClientAddress.limitKey(remoteAddress);
        // why: compute keeps the count and the map entry consistent with a concurrent release
        AtomicInteger count = byClient.compute(client, (key, current) -> {
            AtomicInteger next = current == null ? new AtomicInteger() : current;
            next.incrementAndGet();
            return next;
        });
        if (count.get() > perClient) {
            releaseClient(client);
            if (total > 0) {
                held.decrementAndGet();
            }
            return new Slot(Admission.CLIENT_BUSY, client);
        }
        return new Slot(Admission.ADMITTED, client);
    }

    void release(Slot slot) {
        if (slot.admission() != Admission.ADMITTED) {
            return;
        }
        if (slot.client() != null) {
            releaseClient(slot.client());
        }
        if (total > 0) {
            held.decrementAndGet();
        }
    }

    private void releaseClient(String client) {
        byClient.computeIfPresent(client, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    int held() {
        return held.get();
    }
}
