package dev.microposts.tasks;

import java.util.List;

/** Enqueues durable tasks. */
public interface Tasks {

    /** The broker queue that holds the tasks given up on, with their reasons. */
    String DEAD_LETTER_QUEUE = "tasks.dead";

    /** Enqueues one task; it is durable in the broker when this returns. */
    void enqueue(String queue, String payload);

    /** Enqueues many tasks in one broker transaction: all or none. */
    void enqueueAll(String queue, List<String> payloads);

    /** The broker's name for a task queue. */
    static String address(String queue) {
        return "tasks." + queue;
    }
}
