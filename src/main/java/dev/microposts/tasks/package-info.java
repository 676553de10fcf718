/**
 * Background tasks on named, durable queues in the broker.
 *
 * <p>A module offers work with {@link dev.microposts.tasks.Tasks#enqueue} and does it in a {@link
 * dev.microposts.tasks.TaskHandler} bean for the queue. Each queue has its own consumers, concurrency, time
 * limit and retry policy ({@code microposts.queues.<name>.*}), so a backlog on one never delays another. A task
 * is acknowledged only after its handler returned, in the same broker transaction as the follow-up tasks it
 * enqueued; transient failures are retried with exponential backoff, and once the attempts or the time run out
 * the task goes to the {@code tasks.dead} queue after the handler was told to give up. A permanent failure
 * (the input's fault) is told to the handler and ends there, with no retry and no dead letter. Delivery is at
 * least once: handlers are idempotent.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks")
package dev.microposts.tasks;
