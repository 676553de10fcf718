package dev.microposts.bus.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Tells the bus log's readers in this process (the listeners' consumers and the relay) that events of their types
 * were committed, so they read them at once rather than at their next poll; a reader of other types sleeps on.
 * Events committed by other processes are found by {@link BusWatch}, which wakes the readers here in the same way.
 */
@Component
class BusSignal {

    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    /** A waiter for events of {@code types}, or of every type when it is empty. */
    Waiter waiter(Collection<String> types) {
        Waiter waiter = new Waiter(Set.copyOf(types));
        waiters.add(waiter);
        return waiter;
    }

    /** Events of these types were committed. */
    void wake(Collection<String> types) {
        for (Waiter waiter : waiters) {
            if (waiter.types.isEmpty() || types.stream().anyMatch(waiter.types::contains)) {
                waiter.wake();
            }
        }
    }

    /** Wakes every reader, as when the process stops. */
    void wakeAll() {
        waiters.forEach(Waiter::wake);
    }

    /** One reader's wait for the events it reads. */
    static final class Waiter {

        private final Set<String> types;
        private long generation;

        private Waiter(Set<String> types) {
            this.types = types;
        }

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
}
