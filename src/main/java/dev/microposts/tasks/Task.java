package dev.microposts.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One delivery of a task to its handler.
 *
 * @param queue the queue's name, e.g. {@code transcode}
 * @param payload what the producer enqueued, usually a small JSON document
 * @param attempt 1 for the first delivery, then counting retries and redeliveries after a crash
 * @param maxAttempts the queue's attempt limit; on the last attempt a transient failure gives up
 * @param deadline when the task's time limit runs out; long work stops there (the worker interrupts it)
 */
public record Task(
        String queue, String payload, int attempt, int maxAttempts, Instant deadline, List<FollowUp> followUps) {

    public Task {
        followUps = followUps == null ? new ArrayList<>() : followUps;
    }

    public Task(String queue, String payload, int attempt, int maxAttempts, Instant deadline) {
        this(queue, payload, attempt, maxAttempts, deadline, new ArrayList<>());
    }

    /**
     * Enqueues another task in the same broker transaction that acknowledges this one: either both happen or
     * neither, so a crash between them redelivers this task instead of losing the follow-up.
     */
    public void followUp(String queue, String payload) {
        followUps.add(new FollowUp(queue, payload));
    }

    /** Whether a transient failure now would be the last one. */
    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }

    /** A task to enqueue once this one is acknowledged. */
    public record FollowUp(String queue, String payload) {}
}
