package dev.microposts.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.OwnDataDirectory;
import dev.microposts.tasks.DeadLetter;
import dev.microposts.tasks.DeadLetters;
import dev.microposts.tasks.PermanentTaskFailure;
import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskFailure;
import dev.microposts.tasks.TaskHandler;
import dev.microposts.tasks.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What becomes of a failing task on the real broker: a transient failure is tried again after the queue's
 * backoff, doubled up to its maximum; once the attempts or the time limit run out the handler is told and the task
 * waits in the dead-letter queue with its reason; a permanent failure is told to the handler and goes nowhere.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "microposts.queues.flaky.max-attempts=3",
            "microposts.queues.flaky.backoff=300ms",
            "microposts.queues.flaky.max-backoff=500ms",
            "microposts.queues.sluggish.max-attempts=1",
            "microposts.queues.sluggish.time-limit=1s"
        })
@Import(TaskRetriesTest.Handlers.class)
@OwnDataDirectory
class TaskRetriesTest {

    @Autowired
    Tasks tasks;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MeterRegistry meters;

    @Autowired
    FlakyHandler flaky;

    @Autowired
    SluggishHandler sluggish;

    @Test
    void retriesATransientFailureAfterTheBackoffDoubledUpToItsMaximum() {
        double retried = outcomes("flaky", "retried");
        double done = outcomes("flaky", "done");

        tasks.enqueue("flaky", "fails-twice");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> flaky.runs("fails-twice").size() == 3);
        List<Run> runs = flaky.runs("fails-twice");
        assertThat(runs).extracting(Run::attempt).containsExactly(1, 2, 3);
        assertThat(Duration.ofNanos(runs.get(1).startedNanos() - runs.get(0).startedNanos()))
                .as("the wait after the first failure is the backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(runs.get(2).startedNanos() - runs.get(1).startedNanos()))
                .as("the wait after the second is doubled, down to the maximum of 500 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes("flaky", "done") == done + 1);
        assertThat(outcomes("flaky", "retried")).isEqualTo(retried + 2);
        assertThat(flaky.gaveUp).doesNotContainKey("fails-twice");
    }

    @Test
    void givesUpOnceTheAttemptsRunOutAndKeepsTheTaskForTheOperators() {
        double gaveUp = outcomes("flaky", "gave_up");

        tasks.enqueue("flaky", "always-fails");

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.gaveUp.containsKey("always-fails"));
        assertThat(flaky.gaveUp.get("always-fails"))
                .isEqualTo(new TaskFailure(TaskFailure.ATTEMPTS_EXHAUSTED, "still broken (after 3 attempts)"));
        assertThat(flaky.runs("always-fails")).extracting(Run::attempt).containsExactly(1, 2, 3);
        DeadLetter letter = await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetter("always-fails"), Optional::isPresent)
                .orElseThrow();
        assertThat(letter.queue()).isEqualTo("flaky");
        assertThat(letter.reason()).isEqualTo("still broken (after 3 attempts)");
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(outcomes("flaky", "gave_up")).isEqualTo(gaveUp + 1);
    }

    @Test
    void endsAPermanentFailureAtOnceWithoutADeadLetter() {
        double failed = outcomes("flaky", "failed");

        tasks.enqueue("flaky", "not-a-video");

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.gaveUp.containsKey("not-a-video"));
        assertThat(flaky.gaveUp.get("not-a-video")).isEqualTo(new TaskFailure("unreadable", "not a video"));
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes("flaky", "failed") == failed + 1);
        assertThat(flaky.runs("not-a-video")).extracting(Run::attempt).containsExactly(1);
        assertThat(deadLetter("not-a-video")).isEmpty();
    }

    @Test
    void interruptsATaskPastItsTimeLimitAndGivesUpOnItAsTimedOut() {
        tasks.enqueue("sluggish", "hangs");

        await().atMost(Duration.ofSeconds(30)).until(() -> sluggish.gaveUp.containsKey("hangs"));
        assertThat(sluggish.interrupted).isEqualTo(1);
        assertThat(sluggish.gaveUp.get("hangs"))
                .isEqualTo(new TaskFailure(
                        TaskFailure.TIMED_OUT, "it took longer than the time limit of 1 s (after 1 attempts)"));
        DeadLetter letter = await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetter("hangs"), Optional::isPresent)
                .orElseThrow();
        assertThat(letter.queue()).isEqualTo("sluggish");
    }

    private Optional<DeadLetter> deadLetter(String payload) {
        return deadLetters.list(100).stream()
                .filter(letter -> payload.equals(letter.payload()))
                .findFirst();
    }

    private double outcomes(String queue, String outcome) {
        return meters.get("microposts.tasks")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    record Run(int attempt, long startedNanos) {}

    /** Fails by its payload: twice then succeeds, always, or for good on the first attempt. */
    static class FlakyHandler implements TaskHandler {

        final Map<String, List<Run>> runs = new ConcurrentHashMap<>();
        final Map<String, TaskFailure> gaveUp = new ConcurrentHashMap<>();

        @Override
        public String queue() {
            return "flaky";
        }

        @Override
        public void handle(Task task) {
            runs(task.payload()).add(new Run(task.attempt(), System.nanoTime()));
            switch (task.payload()) {
                case "fails-twice" -> {
                    if (task.attempt() < 3) {
                        throw new IllegalStateException("not yet");
                    }
                }
                case "not-a-video" -> throw new PermanentTaskFailure("unreadable", "not a video");
                default -> throw new IllegalStateException("still broken");
            }
        }

        @Override
        public void gaveUp(Task task, TaskFailure failure) {
            gaveUp.put(task.payload(), failure);
        }

        List<Run> runs(String payload) {
            return runs.computeIfAbsent(payload, key -> new CopyOnWriteArrayList<>());
        }
    }

    /** Waits for work that never comes, until the worker interrupts it. */
    static class SluggishHandler implements TaskHandler {

        final Map<String, TaskFailure> gaveUp = new ConcurrentHashMap<>();
        volatile int interrupted;

        @Override
        public String queue() {
            return "sluggish";
        }

        @Override
        public void handle(Task task) throws InterruptedException {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted++;
                throw e;
            }
        }

        @Override
        public void gaveUp(Task task, TaskFailure failure) {
            gaveUp.put(task.payload(), failure);
        }
    }

    @TestConfiguration
    static class Handlers {
        @Bean
        FlakyHandler flakyHandler() {
            return new FlakyHandler();
        }

        @Bean
        SluggishHandler sluggishHandler() {
            return new SluggishHandler();
        }
    }
}
