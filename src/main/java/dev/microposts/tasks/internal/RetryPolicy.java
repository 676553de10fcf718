package dev.microposts.tasks.internal;

import dev.microposts.retry.Backoff;
import dev.microposts.tasks.PermanentTaskFailure;
import dev.microposts.tasks.TaskFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue's rules for a task that did not complete: try it again after the backoff, give up on it, end it as
 * failed for good, or put it back untouched. The worker only carries the verdict out on the broker, so the rules
 * read and test on their own.
 */
final class RetryPolicy {

    private final int maxAttempts;
    private final Duration timeLimit;
    private final Backoff backoff;

    RetryPolicy(int maxAttempts, Duration timeLimit, Backoff backoff) {
        this.maxAttempts = maxAttempts;
        this.timeLimit = Objects.requireNonNull(timeLimit);
        this.backoff = Objects.requireNonNull(backoff);
    }

    static RetryPolicy of(QueuesProperties.Queue settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.timeLimit(), settings.retryBackoff());
    }

    /**
     * Before a run: a task whose deliveries kept being lost with the process running them (killed, crashed) has
     * used its attempts without ever failing, and is given up on rather than run again, so it cannot loop.
     *
     * @param attempt the attempt this delivery would be, counting the lost deliveries
     * @param redeliveries how many of those deliveries were lost
     */
    Optional<TaskFailure> abandoned(int attempt, int redeliveries) {
        if (attempt <= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(
                new TaskFailure(TaskFailure.ABANDONED, "redelivered " + redeliveries + " times without completing"));
    }

    /**
     * After the handler threw on an attempt.
     *
     * @param attempt the attempt that failed
     * @param failure what the handler threw
     * @param interruption whether the worker had interrupted the handler, and why
     */
    Verdict afterFailure(int attempt, Throwable failure, Interruption interruption) {
        if (interruption == Interruption.SHUTDOWN) {
            return Verdict.PUT_BACK;
        }
        if (failure instanceof PermanentTaskFailure permanent) {
            return new Verdict(Outcome.FAIL_FOR_GOOD, new TaskFailure(permanent.kind(), permanent.getMessage()), null);
        }
        // why: an assertion that failed is the task's bug; any other Error (out of memory...) is the JVM's trouble
        if (failure instanceof Error && !(failure instanceof AssertionError)) {
            return Verdict.CRASH;
        }
        if (attempt >= maxAttempts) {
            boolean timedOut = interruption == Interruption.TIME_LIMIT;
            String reason = timedOut
                    ? "it took longer than the time limit of " + timeLimit.toSeconds() + " s"
                    : String.valueOf(failure.getMessage());
            return new Verdict(
                    Outcome.GIVE_UP,
                    new TaskFailure(
                            timedOut ? TaskFailure.TIMED_OUT : TaskFailure.ATTEMPTS_EXHAUSTED,
                            reason + " (after " + attempt + " attempts)"),
                    null);
        }
        return new Verdict(Outcome.RETRY, null, backoff.afterFailures(attempt));
    }

    /** Why the handler was interrupted, if it was: the interrupt, not the exception it caused, is the cause. */
    enum Interruption {
        NONE,
        /** The attempt ran past the queue's time limit. */
        TIME_LIMIT,
        /** The process is stopping and its grace ran out; this wins over the time limit. */
        SHUTDOWN
    }

    enum Outcome {
        /** Sent again as the next attempt, after the delay. */
        RETRY,
        /** The handler is told, then the task goes to the dead-letter queue, where operators can retry it. */
        GIVE_UP,
        /**
         * The handler is told and the task ends: another attempt would fail the same way, and the mistake is not
         * the operators' to fix, so it does not go to the dead-letter queue either.
         */
        FAIL_FOR_GOOD,
        /** Not the task's fault: it goes back as the same attempt, for another worker to run. */
        PUT_BACK,
        /** The worker stops with the error; the broker delivers the task again to another. */
        CRASH
    }

    /**
     * @param failure what the handler is told, when the task will not be tried again
     * @param delay the wait before the next attempt, when there is one
     */
    record Verdict(Outcome outcome, TaskFailure failure, Duration delay) {

        static final Verdict PUT_BACK = new Verdict(Outcome.PUT_BACK, null, null);
        static final Verdict CRASH = new Verdict(Outcome.CRASH, null, null);
    }
}
