package dev.microposts.bus.internal;

import dev.microposts.bus.BusListener;
import dev.microposts.bus.DomainEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the {@link BusListener}s: each is a consumer that reads the bus log from its position in batches, on a
 * thread of its own, and applies a batch and moves its position in one transaction. A batch whose listener throws
 * is applied again event by event, each behind a savepoint, and the events that still fail are set aside in
 * {@link FailedDeliveries} (retried by {@link EventRedelivery}) so the consumer goes on. Only one process at a
 * time runs a consumer: each pass holds its advisory lock.
 */
@Component
class Consumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Consumers.class);

    /**
     * why: after a pass that found less than a batch, wait this long before the next, so events written meanwhile
     * are taken together instead of one pass (and one commit) each
     */
    static final Duration LINGER = Duration.ofMillis(10);

    /** why: an idle consumer's place is only worth writing down now and then; a busy one writes it with its work */
    private static final Duration IDLE_POSITION_WRITES = Duration.ofSeconds(1);

    private final ApplicationContext context;
    private final EventLog eventLog;
    private final FailedDeliveries failures;
    private final BusLog busLog;
    private final BusSignal signal;
    private final BusProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;
    private final Map<String, Runner> runners = new LinkedHashMap<>();
    private final Semaphore permits;
    private volatile boolean running;

    Consumers(
            ApplicationContext context,
            EventLog eventLog,
            FailedDeliveries failures,
            BusLog busLog,
            BusSignal signal,
            BusProperties properties,
            ObjectMapper json,
            MeterRegistry meters,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.context = context;
        this.eventLog = eventLog;
        this.failures = failures;
        this.busLog = busLog;
        this.signal = signal;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoints = new TransactionTemplate(transactionManager);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.permits = new Semaphore(Math.max(1, properties.listenerThreads()));
    }

    @Override
    public boolean isAutoStartup() {
        return properties.listeners();
    }

    @Override
    public void start() {
        for (Listener listener : discover()) {
            if (runners.containsKey(listener.consumer())) {
                throw new IllegalStateException("Two @BusListener methods are consumer '" + listener.consumer() + "': "
                        + runners.get(listener.consumer()).listener.name() + " and " + listener.name());
            }
            eventLog.register(listener.consumer(), listener.name(), List.of(listener.type()));
            runners.put(listener.consumer(), new Runner(listener));
        }
        running = true;
        runners.values().forEach(Runner::start);
    }

    /** Stops after the passes under way, before the database and the broker stop. */
    @Override
    public void stop() {
        running = false;
        signal.wakeAll();
        for (Runner runner : runners.values()) {
            runner.interruptIfWaiting();
        }
        for (Runner runner : runners.values()) {
            try {
                runner.thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        runners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The listener of {@code consumer} in this process, if it runs one. */
    Optional<Listener> listener(String consumer) {
        Runner runner = runners.get(consumer);
        return Optional.ofNullable(runner == null ? null : runner.listener);
    }

    /** Every {@link BusListener} method of the application's beans. */
    private List<Listener> discover() {
        List<Listener> found = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type == null || name.startsWith("scopedTarget.")) {
                continue;
            }
            List<Method> methods = new ArrayList<>();
            ReflectionUtils.doWithMethods(
                    ClassUtils.getUserClass(type),
                    methods::add,
                    method -> AnnotatedElementUtils.hasAnnotation(method, BusListener.class));
            for (Method method : methods) {
                found.add(Listener.of(context.getBean(name), method));
            }
        }
        return found;
    }

    /**
     * Applies {@code events} for {@code listener} inside the current transaction: as one batch behind a
     * savepoint, or, if that throws, one by one, setting aside those that throw. Answers the events applied.
     */
    List<LoggedEvent> apply(Listener listener, List<LoggedEvent> events) {
        RuntimeException failure = attempt(listener, events);
        if (failure == null) {
            return events;
        }
        List<LoggedEvent> applied = new ArrayList<>();
        for (LoggedEvent event : events) {
            RuntimeException eventFailure = events.size() == 1 ? failure : attempt(listener, List.of(event));
            if (eventFailure == null) {
                applied.add(event);
            } else {
                failures.add(
                        listener.consumer(),
                        event.seq(),
                        eventFailure.toString(),
                        clock.instant().plus(properties.backoff(1)));
                EventRedelivery.reportFailure(meters, listener, event, 1, eventFailure);
            }
        }
        return applied;
    }

    /** One attempt behind a savepoint; the failure, or null when it went through. */
    RuntimeException attempt(Listener listener, List<LoggedEvent> events) {
        int mark = busLog.mark();
        try {
            List<DomainEvent> decoded = listener.decode(events, json);
            savepoints.executeWithoutResult(status -> listener.apply(decoded));
            return null;
        } catch (RuntimeException e) {
            busLog.discardAfter(mark);
            return e;
        }
    }

    /** Measures, once the transaction commits, how late each event reached its listener. */
    void measureOnCommit(Listener listener, Collection<LoggedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Timer lag = Lag.timer(
                        "microposts.events.delivery.lag",
                        "From the moment an event happened to the moment a listener applied it")
                .tag("consumer", listener.consumer())
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Instant now = clock.instant();
                events.forEach(event -> lag.record(Lag.since(event.occurredAt(), now)));
            }
        });
    }

    /** One consumer's thread. */
    private final class Runner {

        private final Listener listener;
        private final Thread thread;
        private final BusSignal.Waiter waiter;
        /** A place no later than which no event of this consumer's type is left unapplied, if known here. */
        private volatile Position reached;

        private long positionWrittenAt;
        private volatile boolean waiting;

        Runner(Listener listener) {
            this.listener = listener;
            this.waiter = signal.waiter(List.of(listener.type()));
            this.thread = new Thread(this::loop, "bus-" + listener.consumer());
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void interruptIfWaiting() {
            if (waiting) {
                thread.interrupt();
            }
        }

        private void loop() {
            int failedPasses = 0;
            while (running) {
                long seen = waiter.generation();
                int handled;
                try {
                    permits.acquire();
                    try {
                        handled = pass();
                    } finally {
                        permits.release();
                    }
                    failedPasses = 0;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    Duration backoff = properties.backoff(++failedPasses);
                    log.warn(
                            "Listener {} could not read the bus log ({}); trying again in {} ms",
                            listener.consumer(),
                            e.toString(),
                            backoff.toMillis());
                    handled = 0;
                    seen = -1;
                    pause(backoff);
                }
                if (handled < properties.listenerBatch() && seen >= 0) {
                    pause(LINGER);
                    try {
                        waiting = true;
                        if (running) {
                            waiter.awaitAfter(seen, BusWatch.recheck(properties));
                        }
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        waiting = false;
                    }
                }
            }
        }

        private void pause(Duration delay) {
            try {
                waiting = true;
                if (running) {
                    Thread.sleep(delay.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting = false;
            }
        }

        /** One batch in one transaction; answers how many events it read. */
        private int pass() {
            Position[] moved = {null};
            Integer read = transactions.execute(status -> {
                if (!eventLog.tryLock(listener.consumer())) {
                    return 0;
                }
                Position stored = eventLog.state(listener.consumer())
                        .map(EventLog.State::position)
                        .orElseThrow(() ->
                                new IllegalStateException("consumer " + listener.consumer() + " has no position"));
                Position from = stored.max(reached);
                EventLog.Read batch = eventLog.read(from, List.of(listener.type()), properties.listenerBatch());
                List<LoggedEvent> events = batch.events();
                Position to = events.size() < properties.listenerBatch()
                        ? batch.horizon().max(from)
                        : events.get(events.size() - 1).position();
                if (events.isEmpty()) {
                    moved[0] = to;
                    long now = System.nanoTime();
                    if (to.compareTo(stored) > 0 && now - positionWrittenAt > IDLE_POSITION_WRITES.toNanos()) {
                        eventLog.advance(listener.consumer(), to);
                        positionWrittenAt = now;
                    }
                    return 0;
                }
                measureOnCommit(listener, apply(listener, events));
                eventLog.advance(listener.consumer(), to);
                positionWrittenAt = System.nanoTime();
                moved[0] = to;
                return events.size();
            });
            // why: only once committed; a pass rolled back has applied nothing
            if (moved[0] != null) {
                reached = moved[0].max(reached);
            }
            return read == null ? 0 : read;
        }
    }
}
