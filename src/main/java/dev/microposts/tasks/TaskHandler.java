package dev.microposts.tasks;

/**
 * Does the work of one queue. A bean of this type makes its queue consumed in every process whose
 * concurrency setting for the queue is above zero.
 */
public interface TaskHandler {

    /** The queue's name, e.g. {@code transcode}: letters, digits and dashes. */
    String queue();

    /**
     * Does the task. Returning acknowledges it. Throwing {@link PermanentTaskFailure} ends it at once, as failed;
     * any other exception is transient and retried with backoff until the queue's attempts run out.
     * Must be idempotent: a task can be delivered again after its effect was committed.
     */
    void handle(Task task) throws Exception;

    /**
     * Called once a task will not be tried again, so the handler can record the failure where users see it.
     * After a {@link PermanentTaskFailure} the task is then acknowledged and dropped (no retry could help); after
     * its attempts or its time ran out it moves to the dead-letter queue, where operators can retry it. Throwing
     * here keeps the task on its queue to be given up later.
     */
    default void gaveUp(Task task, TaskFailure failure) {}
}
