package dev.microposts.bus.internal;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Tells the bus log's readers in this process (the listeners' consumers and the relay) that events were
 * committed, so they read them at once rather than at their next poll; events committed by other processes are
 * found by that poll.
 */
@Component
class BusSignal {

    private long generation;

    synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** The current generation, to wait on with {@link #awaitAfter}. */
    synchronized long generation() {
        return generation;
    }

    /** Waits until woken after {@code seen}, or for {@code timeout}. */
    synchronized void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
