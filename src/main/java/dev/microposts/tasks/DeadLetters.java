package dev.microposts.tasks;

import java.util.List;

/** The tasks given up on: read them, send one back to its queue for a fresh set of attempts, or drop it. */
public interface DeadLetters {

    /** The oldest first, up to {@code limit}. */
    List<DeadLetter> list(int limit);

    /** Back on its queue as a first attempt; false when it is no longer in the dead-letter queue. */
    boolean retry(String id);

    /** Removed for good; false when it is no longer in the dead-letter queue. */
    boolean discard(String id);
}
