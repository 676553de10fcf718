package dev.microposts.tasks;

import java.time.Instant;

/**
 * A task given up on, as it waits in the dead-letter queue.
 *
 * @param id the broker's id of the message, for {@link DeadLetters#retry} and {@link DeadLetters#discard}
 * @param queue the queue it came from
 * @param reason why it was given up on
 * @param attempts attempts made
 * @param payload the task's payload
 * @param deadAt when it was given up on
 */
public record DeadLetter(String id, String queue, String reason, int attempts, String payload, Instant deadAt) {}
