package dev.microposts.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.bus.BusListener;
import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventDeliveries;
import dev.microposts.posts.PostDeleted;
import dev.microposts.support.Api;
import dev.microposts.support.OwnDataDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a {@link BusListener} reads the bus log: every committed event once, in log order, none that rolled back; an
 * event whose listener throws is set aside, the listener goes on with the next, and the event is retried until it
 * applies, with what the failed attempts published taken back; an event of a transaction that commits late is
 * never passed over; and the lag from each event to its listener is measured. An event another process commits
 * wakes the readers of its type here at the next look in the log ({@link BusWatch}), once, and no others.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "microposts.bus.retry-backoff=200ms",
            "microposts.bus.max-retry-backoff=500ms",
            "microposts.bus.redelivery-interval=200ms"
        })
@Import(ConsumersTest.Recorder.class)
@OwnDataDirectory
class ConsumersTest {

    @LocalServerPort
    int port;

    /** The author id of the events this test publishes; the recorder ignores every other event. */
    static final long MARK = -4242;

    /** The author id of the events the recorder publishes in reaction. */
    static final long DERIVED = -4343;

    @Autowired
    Recorder recorder;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventDeliveries deliveries;

    @Autowired
    EventLog eventLog;

    @Autowired
    BusProperties busProperties;

    /** A type of event only these tests log, which no listener reads. */
    static final String WATCHED = "microposts.test.watched";

    /**
     * A listener that records what it applies in a table, publishes an event in reaction, and fails while told
     * to: its effects are in the database, as every listener's must be to happen exactly once.
     */
    static class Recorder {
        final Set<Long> failing = ConcurrentHashMap.newKeySet();

        @Autowired
        ApplicationEventPublisher events;

        @Autowired
        JdbcClient jdbc;

        List<Long> applied() {
            return jdbc.sql("select post_id from consumers_test_applied order by n")
                    .query(Long.class)
                    .list();
        }

        @BusListener("test.recorder")
        void on(PostDeleted event) {
            if (event.authorId() != MARK) {
                return;
            }
            events.publishEvent(
                    new PostDeleted(DomainEvent.newId(), Instant.now(), event.postId(), DERIVED, List.of()));
            if (failing.contains(event.postId())) {
                throw new IllegalStateException("the recorder fails on post " + event.postId());
            }
            jdbc.sql("insert into consumers_test_applied (post_id) values (?)")
                    .param(event.postId())
                    .update();
        }
    }

    @Test
    void everyCommittedEventOnceInOrderAndAFailureHoldsUpNoOne() {
        Api api = new Api(port);
        long base = -1_000_000 - new java.util.Random().nextInt(1_000_000) * 10L;
        String lag = "microposts_events_delivery_lag_seconds";
        double countBefore = api.metricTotal(lag + "_count", "consumer=\"test.recorder\"");
        double fastBefore = api.metricTotal(lag + "_bucket", "consumer=\"test.recorder\"", "le=\"1.0\"");
        recorder.failing.add(base - 3);
        publish(base - 1, Instant.now().minusSeconds(3));
        publish(base - 2, Instant.now());
        publish(base - 3, Instant.now());
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new PostDeleted(DomainEvent.newId(), Instant.now(), base - 9, MARK, List.of()));
            status.setRollbackOnly();
        });
        publish(base - 4, Instant.now());
        publish(base - 5, Instant.now());

        // the failing event is set aside: the next ones are applied, in order, and the operator sees it
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(recorder.applied()).containsSubsequence(base - 4, base - 5));
        assertThat(recorder.applied()).containsExactly(base - 1, base - 2, base - 4, base - 5);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries.incomplete(100))
                .filteredOn(d -> d.listenerName().equals("ConsumersTest$Recorder.on"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo("FAILED");
                    assertThat(d.eventName()).isEqualTo("PostDeleted");
                    assertThat(d.attempts()).isGreaterThanOrEqualTo(1);
                }));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.metricTotal(
                                "microposts_events_listener_failures_total", "listener=\"ConsumersTest$Recorder.on\"")
                        >= 2);

        // once it works again, the retry applies it exactly once
        recorder.failing.clear();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recorder.applied())
                .containsExactly(base - 1, base - 2, base - 4, base - 5, base - 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.incomplete(100).stream()
                .noneMatch(d -> d.listenerName().equals("ConsumersTest$Recorder.on")));
        for (long post = base - 1; post >= base - 5; post--) {
            assertThat(derivedFrom(post))
                    .as("what the listener published for post %d, counting attempts that failed", post)
                    .isEqualTo(1);
        }
        assertThat(derivedFrom(base - 9)).isZero();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.metricTotal(lag + "_count", "consumer=\"test.recorder\"") - countBefore >= 10);
        assertThat(api.metricTotal(lag + "_count", "consumer=\"test.recorder\"") - countBefore)
                .as("five events and the five it published, each applied once")
                .isEqualTo(10);
        assertThat(api.metricTotal(lag + "_max", "consumer=\"test.recorder\"")).isGreaterThanOrEqualTo(3);
        assertThat(api.metricTotal(lag + "_bucket", "consumer=\"test.recorder\"", "le=\"1.0\"") - fastBefore)
                .as("the event 3 s old did not come within a second")
                .isLessThanOrEqualTo(9);
    }

    @Test
    void anEventOfATransactionThatCommitsLateIsNotPassedOver() throws Exception {
        long late = -2_000_000 - new java.util.Random().nextInt(1_000_000);
        long early = late - 1;
        CountDownLatch release = new CountDownLatch(1);
        // a slow transaction logs its event first, then stays open
        CompletableFuture<Void> slow = openTransactionThat(
                () -> jdbc.sql("insert into bus_events (id, type, version, subject, occurred_at, data)"
                                + " values (?, 'microposts.post.deleted', 1, ?, now(), cast(? as jsonb))")
                        .params(
                                UUID.randomUUID(),
                                "posts/" + late,
                                "{\"post_id\": " + late + ", \"author_id\": " + MARK + "}")
                        .update(),
                release);
        // a quick one logs after it, and commits before it
        publish(early, Instant.now());
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> !recorder.applied()
                .contains(early));
        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.applied()).containsSubsequence(late, early));
    }

    @Test
    void anEventAnotherProcessCommitsWakesTheReadersOfItsTypeAtTheNextLook() {
        BusSignal signal = new BusSignal();
        BusSignal.Waiter watching = signal.waiter(List.of(WATCHED));
        BusSignal.Waiter elsewhere = signal.waiter(List.of("microposts.test.unwatched"));
        BusWatch watch = new BusWatch(eventLog, signal, busProperties);
        assertThat(watch.look()).as("the first look notes where the log is").isEmpty();
        long before = watching.generation();

        logAsAnotherProcess(WATCHED);

        assertThat(watch.look()).contains(WATCHED).doesNotContain("microposts.test.unwatched");
        assertThat(watching.generation()).isGreaterThan(before);
        assertThat(elsewhere.generation())
                .as("a reader of other types sleeps on")
                .isZero();
        long woken = watching.generation();
        assertThat(watch.look()).as("an event is announced once").doesNotContain(WATCHED);
        assertThat(watching.generation()).isEqualTo(woken);
    }

    @Test
    void anEventOfATransactionStillRunningIsAnnouncedAtTheFirstLookAfterItCommits() throws Exception {
        BusSignal signal = new BusSignal();
        BusSignal.Waiter watching = signal.waiter(List.of(WATCHED));
        BusWatch watch = new BusWatch(eventLog, signal, busProperties);
        watch.look();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = openTransactionThat(() -> logAsAnotherProcess(WATCHED), release);
        long before = watching.generation();

        assertThat(watch.look()).as("not readable yet").doesNotContain(WATCHED);
        assertThat(watching.generation()).isEqualTo(before);
        release.countDown();
        slow.get(10, TimeUnit.SECONDS);

        assertThat(watch.look()).contains(WATCHED);
        assertThat(watching.generation()).isGreaterThan(before);
    }

    /**
     * Does {@code work} in a transaction that then stays open until {@code release} is counted down; answers once
     * the work is done, with the transaction's end to wait for.
     */
    private CompletableFuture<Void> openTransactionThat(Runnable work, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            work.run();
            done.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        return open;
    }

    /** Logs an event straight into the bus log, with no word to this process's readers, as another process does. */
    private void logAsAnotherProcess(String type) {
        jdbc.sql("insert into bus_events (id, type, version, subject, occurred_at, data)"
                        + " values (?, ?, 1, 'watched', now(), '{}')")
                .params(UUID.randomUUID(), type)
                .update();
    }

    @BeforeEach
    void appliedTable() {
        jdbc.sql("create table if not exists consumers_test_applied (n bigserial primary key, post_id bigint)")
                .update();
        jdbc.sql("delete from consumers_test_applied").update();
    }

    private void publish(long postId, Instant occurredAt) {
        transactions.executeWithoutResult(status ->
                events.publishEvent(new PostDeleted(DomainEvent.newId(), occurredAt, postId, MARK, List.of())));
    }

    private long derivedFrom(long postId) {
        return jdbc.sql("select count(*) from bus_events where type = 'microposts.post.deleted'"
                        + " and data ->> 'post_id' = ? and data ->> 'author_id' = ?")
                .params(String.valueOf(postId), String.valueOf(DERIVED))
                .query(Long.class)
                .single();
    }
}
