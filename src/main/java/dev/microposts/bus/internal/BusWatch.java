package dev.microposts.bus.internal;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks in the bus log once a poll interval for the events that became readable since its last look (committed by
 * other processes, or held back behind a transaction that was still running) and wakes this process's readers of
 * their types. One read of the log for every reader here: each idle listener reading it on its own, every poll
 * interval, cost an idle process more than anything else it did. A listener still reads the log on its own now
 * and then ({@link #recheck}), for what no look announces: a pass another process began and never finished.
 */
@Component
class BusWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BusWatch.class);

    /** why: how many poll intervals an idle listener waits, unless woken, before it reads the log on its own */
    private static final int RECHECK_INTERVALS = 20;

    private final EventLog eventLog;
    private final BusSignal signal;
    private final BusProperties properties;
    private volatile boolean running;
    private Thread thread;
    private Position looked;
    private boolean failing;

    BusWatch(EventLog eventLog, BusSignal signal, BusProperties properties) {
        this.eventLog = eventLog;
        this.signal = signal;
        this.properties = properties;
    }

    /** How long an idle listener waits, unless woken, before it reads the bus log on its own. */
    static Duration recheck(BusProperties properties) {
        return properties.pollInterval().multipliedBy(RECHECK_INTERVALS);
    }

    @Override
    public boolean isAutoStartup() {
        return properties.listeners() || properties.relay();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "bus-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                look();
                if (failing) {
                    log.info("Looking in the bus log works again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (running && !failing) {
                    log.warn(
                            "Looking in the bus log failed ({}); listeners here read it on their own every {}"
                                    + " until it works again",
                            e.toString(),
                            recheck(properties));
                }
                failing = true;
            }
            try {
                Thread.sleep(properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One look: wakes the readers of the types of the events that became readable since the last one, and
     * answers those types. The first look only notes where the log is: readers read what came before on their own
     * when they start.
     */
    List<String> look() {
        if (looked == null) {
            looked = eventLog.horizon();
            return List.of();
        }
        EventLog.Changes changes = eventLog.changes(looked);
        looked = changes.horizon().max(looked);
        if (!changes.types().isEmpty()) {
            signal.wake(changes.types());
        }
        return changes.types();
    }
}
