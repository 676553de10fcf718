package dev.microposts.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.retry.Backoff;
import dev.microposts.tasks.PermanentTaskFailure;
import dev.microposts.tasks.TaskFailure;
import dev.microposts.tasks.internal.RetryPolicy.Interruption;
import dev.microposts.tasks.internal.RetryPolicy.Outcome;
import dev.microposts.tasks.internal.RetryPolicy.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(4, Duration.ofSeconds(90), new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(5)));

    @Test
    void retriesATransientFailureAfterTheBackoffForThatAttempt() {
        assertThat(policy.afterFailure(1, new IllegalStateException("storage down"), Interruption.NONE))
                .isEqualTo(new Verdict(Outcome.RETRY, null, Duration.ofSeconds(2)));
        assertThat(policy.afterFailure(2, new IllegalStateException("storage down"), Interruption.NONE))
                .isEqualTo(new Verdict(Outcome.RETRY, null, Duration.ofSeconds(4)));
        assertThat(policy.afterFailure(3, new IllegalStateException("storage down"), Interruption.NONE))
                .as("capped")
                .isEqualTo(new Verdict(Outcome.RETRY, null, Duration.ofSeconds(5)));
    }

    @Test
    void retriesAnAttemptThatRanPastTheTimeLimitWhileAttemptsRemain() {
        assertThat(policy.afterFailure(1, new InterruptedException(), Interruption.TIME_LIMIT))
                .isEqualTo(new Verdict(Outcome.RETRY, null, Duration.ofSeconds(2)));
    }

    @Test
    void givesUpWhenTheLastAttemptFails() {
        assertThat(policy.afterFailure(4, new IllegalStateException("storage down"), Interruption.NONE))
                .isEqualTo(new Verdict(
                        Outcome.GIVE_UP,
                        new TaskFailure(TaskFailure.ATTEMPTS_EXHAUSTED, "storage down (after 4 attempts)"),
                        null));
    }

    @Test
    void givesUpWhenAnAttemptPastTheLastFails() {
        assertThat(policy.afterFailure(5, new IllegalStateException("storage down"), Interruption.NONE)
                        .outcome())
                .isEqualTo(Outcome.GIVE_UP);
    }

    @Test
    void aFailureWithoutAMessageStillSaysHowManyAttemptsWereMade() {
        assertThat(policy.afterFailure(4, new NullPointerException(), Interruption.NONE)
                        .failure())
                .isEqualTo(new TaskFailure(TaskFailure.ATTEMPTS_EXHAUSTED, "null (after 4 attempts)"));
    }

    @Test
    void givesUpAsTimedOutWhenTheLastAttemptRanPastTheTimeLimit() {
        assertThat(policy.afterFailure(4, new InterruptedException("sleep interrupted"), Interruption.TIME_LIMIT))
                .isEqualTo(new Verdict(
                        Outcome.GIVE_UP,
                        new TaskFailure(
                                TaskFailure.TIMED_OUT, "it took longer than the time limit of 90 s (after 4 attempts)"),
                        null));
    }

    @Test
    void endsAPermanentFailureAtOnceWhateverTheAttempt() {
        Verdict expected =
                new Verdict(Outcome.FAIL_FOR_GOOD, new TaskFailure("too_long", "The video is too long."), null);

        assertThat(policy.afterFailure(
                        1, new PermanentTaskFailure("too_long", "The video is too long."), Interruption.NONE))
                .isEqualTo(expected);
        assertThat(policy.afterFailure(
                        4, new PermanentTaskFailure("too_long", "The video is too long."), Interruption.NONE))
                .isEqualTo(expected);
        assertThat(policy.afterFailure(
                        4, new PermanentTaskFailure("too_long", "The video is too long."), Interruption.TIME_LIMIT))
                .as("the handler's own verdict wins over the time limit")
                .isEqualTo(expected);
    }

    @Test
    void putsATaskInterruptedForShutdownBackWhateverItThrew() {
        assertThat(policy.afterFailure(1, new InterruptedException(), Interruption.SHUTDOWN))
                .isEqualTo(Verdict.PUT_BACK);
        assertThat(policy.afterFailure(4, new IllegalStateException("interrupted"), Interruption.SHUTDOWN))
                .as("not counted against the last attempt")
                .isEqualTo(Verdict.PUT_BACK);
        assertThat(policy.afterFailure(1, new PermanentTaskFailure("unreadable", "broken"), Interruption.SHUTDOWN))
                .isEqualTo(Verdict.PUT_BACK);
        assertThat(policy.afterFailure(1, new OutOfMemoryError(), Interruption.SHUTDOWN))
                .isEqualTo(Verdict.PUT_BACK);
    }

    @Test
    void crashesTheWorkerOnAnErrorOfTheJvm() {
        assertThat(policy.afterFailure(1, new OutOfMemoryError("Java heap space"), Interruption.NONE))
                .isEqualTo(Verdict.CRASH);
        assertThat(policy.afterFailure(4, new StackOverflowError(), Interruption.TIME_LIMIT))
                .isEqualTo(Verdict.CRASH);
    }

    @Test
    void treatsAFailedAssertionAsTheTasksOwnTransientFailure() {
        assertThat(policy.afterFailure(1, new AssertionError("expected a rendition"), Interruption.NONE))
                .isEqualTo(new Verdict(Outcome.RETRY, null, Duration.ofSeconds(2)));
        assertThat(policy.afterFailure(4, new AssertionError("expected a rendition"), Interruption.NONE)
                        .failure())
                .isEqualTo(new TaskFailure(TaskFailure.ATTEMPTS_EXHAUSTED, "expected a rendition (after 4 attempts)"));
    }

    @Test
    void runsADeliveryWhileItsAttemptsLast() {
        assertThat(policy.abandoned(1, 0)).isEmpty();
        assertThat(policy.abandoned(4, 3)).as("the last attempt still runs").isEmpty();
    }

    @Test
    void abandonsATaskWhoseDeliveriesKeptBeingLostOnceItsAttemptsAreUsed() {
        assertThat(policy.abandoned(5, 4))
                .contains(new TaskFailure(TaskFailure.ABANDONED, "redelivered 4 times without completing"));
    }

    @Test
    void takesItsRulesFromTheQueueSettings() {
        QueuesProperties.Queue settings = QueuesProperties.Queue.BUILT_IN.merge(new QueuesProperties.Queue(
                null, null, null, Duration.ofMinutes(2), 2, Duration.ofSeconds(3), Duration.ofSeconds(10), null));
        RetryPolicy fromSettings = RetryPolicy.of(settings);

        assertThat(fromSettings.afterFailure(1, new IllegalStateException("x"), Interruption.NONE))
                .isEqualTo(new Verdict(Outcome.RETRY, null, Duration.ofSeconds(3)));
        assertThat(fromSettings
                        .afterFailure(2, new IllegalStateException("x"), Interruption.TIME_LIMIT)
                        .failure())
                .isEqualTo(new TaskFailure(
                        TaskFailure.TIMED_OUT, "it took longer than the time limit of 120 s (after 2 attempts)"));
        assertThat(fromSettings.abandoned(3, 2)).isPresent();
    }
}
