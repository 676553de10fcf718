package dev.microposts.bus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** In-process deliveries that have not completed, for the operator: to look at and to deliver again now. */
public interface EventDeliveries {

    /** How many deliveries have not completed. */
    long incompleteCount();

    /** The oldest incomplete deliveries first, at most {@code limit}. */
    List<Incomplete> incomplete(int limit);

    /**
     * Whether every in-process listener of the event's type has applied it: none has it still ahead of its
     * position, and none has it set aside after a failure. An event trimmed from the log had been applied by all.
     * What must wait for every reaction to an event (the last step of deleting an account) asks this.
     */
    boolean appliedEverywhere(UUID eventId);

    /** Delivers every incomplete event again now, whatever its backoff; answers how many there were. */
    long resubmitAll();

    /** Delivers one again now; false when there is none with this id (it may have completed meanwhile). */
    boolean resubmit(UUID id);

    /**
     * One event's delivery to one in-process listener that has not completed.
     *
     * @param listener the listener's full name, as the registry records it
     * @param eventType the event's class name
     * @param status as the registry has it: {@code PUBLISHED}, {@code PROCESSING}, {@code FAILED}, {@code RESUBMITTED}
     * @param attempts deliveries tried so far
     */
    record Incomplete(UUID id, String listener, String eventType, Instant published, String status, int attempts) {

        /** {@code TimelineReactions.on} for the listener method {@code dev.....TimelineReactions.on(...)}. */
        public String listenerName() {
            return listenerName(listener);
        }

        /** The class and method of a listener's full name, as in {@link #listenerName()}. */
        public static String listenerName(String listener) {
            String method = listener.contains("(") ? listener.substring(0, listener.indexOf('(')) : listener;
            String[] parts = method.split("\\.");
            return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : method;
        }

        /** {@code PostPublished} for {@code dev.microposts.posts.PostPublished}. */
        public String eventName() {
            return eventType.substring(eventType.lastIndexOf('.') + 1);
        }
    }
}
