package dev.microposts.ops.internal;

import dev.microposts.ops.Leadership;
import dev.microposts.ops.ProcessNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Elects the leader through a lock row in PostgreSQL ({@code shedlock}), timed by the database's clock so the
 * machines' clocks do not matter. The holder keeps its lock for {@link #LEASE} and extends it every {@link #RENEW};
 * the others try to take it as often. A holder that dies, or is frozen, stops extending, and another process takes
 * the lock once the lease ran out. The holder counts its lease on its own monotonic clock from before each
 * extension, so a process that wakes up after its lease ran out stops acting as leader at once, before it learns
 * whether another took over. Each process signs the lock with an id of its own: processes on one host must not
 * extend each other's locks.
 */
@Component
class LeaderElection implements Leadership, SmartLifecycle {

    static final String LOCK = "microposts-leader";
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration RENEW = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final JdbcTemplateLockProvider locks;
    private final boolean service;
    private final String holder;
    private ScheduledExecutorService elections;
    private SimpleLock lock;
    /** {@link System#nanoTime} until which this process may act as leader. */
    private volatile long leaderUntil;

    private volatile boolean leader;

    LeaderElection(DataSource dataSource, ProcessNode node, MeterRegistry meters, ApplicationContext context) {
        this.holder = node.name() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .withLockedByValue(holder)
                .usingDbTime()
                .build());
        // why: an admin command is not part of the deployment and must never take the lead from the service
        this.service = context instanceof WebServerApplicationContext;
        Gauge.builder("microposts.leader", this, election -> election.isLeader() ? 1 : 0)
                .description("1 in the process that runs the once-per-deployment duties, 0 elsewhere")
                .register(meters);
    }

    @Override
    public boolean isLeader() {
        return leader && System.nanoTime() - leaderUntil < 0;
    }

    @Override
    public boolean isAutoStartup() {
        return service;
    }

    @Override
    public synchronized void start() {
        elections = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leader-election");
            thread.setDaemon(true);
            return thread;
        });
        elections.scheduleWithFixedDelay(this::elect, 0, RENEW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands the lead over at once, so another process need not wait out the lease. */
    @Override
    public synchronized void stop() {
        if (elections == null) {
            return;
        }
        elections.shutdownNow();
        try {
            elections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        elections = null;
        SimpleLock held = lock;
        lock = null;
        if (held != null) {
            leader = false;
            try {
                held.unlock();
                log.info("Handed over the lead of the once-per-deployment duties");
            } catch (RuntimeException e) {
                log.info("Could not release the lead ({}); another process takes it once it lapses", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return elections != null;
    }

    /** Before the database's pool closes, and before the components that ask it stop. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    private void elect() {
        long attempted = System.nanoTime();
        try {
            Optional<SimpleLock> held = lock == null
                    ? locks.lock(new LockConfiguration(Instant.now(), LOCK, LEASE, Duration.ZERO))
                    : lock.extend(LEASE, Duration.ZERO);
            if (held.isPresent()) {
                lock = held.get();
                leaderUntil = attempted + LEASE.minus(RENEW).toNanos();
                if (!leader) {
                    leader = true;
                    log.info("This process ({}) now leads the once-per-deployment duties", holder);
                }
            } else {
                stepDown("another process holds the lead");
            }
        } catch (RuntimeException e) {
            stepDown("the lock could not be read: " + e);
        }
    }

    private void stepDown(String why) {
        boolean was = leader;
        lock = null;
        leader = false;
        if (was) {
            log.info("This process ({}) no longer leads the once-per-deployment duties: {}", holder, why);
        }
    }
}
