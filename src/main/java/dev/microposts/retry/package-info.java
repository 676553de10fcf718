/**
 * Retry: how long a step that failed waits before it is tried again. The task queues and the bus share one
 * {@link dev.microposts.retry.Backoff}, so their waits grow the same way and a change to the rule is made once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Retry")
package dev.microposts.retry;
