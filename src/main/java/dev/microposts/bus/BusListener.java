package dev.microposts.bus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that reacts to one type of {@link DomainEvent} from the bus, after the change that published
 * it committed. The method takes the event ({@code void on(PostPublished event)}) or a batch of them, in bus order
 * ({@code void on(List<PostPublished> events)}).
 *
 * <p>Each listener is a consumer with its own position in the bus log: it is handed the events after its position
 * in batches, inside one transaction that also moves the position, so it applies each event exactly once, and a
 * crash repeats nothing that committed. An event whose listener throws is set aside and retried with backoff while
 * the listener goes on with the next; the operator sees it among the incomplete deliveries. One process at a time
 * runs a consumer, however many run the application.
 *
 * <pre>{@code
 * @BusListener("timeline.published")
 * void on(List<PostPublished> events) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BusListener {

    /**
     * The consumer's name, stable across releases ({@code <module>.<what it reacts to>}): its position and its
     * failed deliveries are kept under it, so renaming it starts a new consumer at the end of the log.
     */
    String value();
}
