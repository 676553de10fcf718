package dev.microposts.accounts;

import java.util.Collection;
import java.util.Set;

/**
 * Blocks and mutes, as other modules must honour them. A block hides two people from each other; a mute hides
 * the muted person from the muter only. Answers for one viewer are cheap (a small cache in front of two indexed
 * tables), so a read may ask once per request.
 */
public interface Relations {

    /**
     * The ids whose posts and notifications {@code viewerId} must not see: those they blocked, those who blocked
     * them and those they muted. What timelines, search and notifications leave out.
     */
    Set<Long> hiddenFrom(long viewerId);

    /**
     * The ids blocked by {@code viewerId} or blocking them, mutes aside: what a profile or a post page refuses to
     * show (a muted person's own page stays readable to the muter, who chose to go there).
     */
    Set<Long> blockedEitherWay(long viewerId);

    /** Whether {@code blockerId} blocked {@code blockedId} (one way: a profile says which of them did). */
    boolean blocks(long blockerId, long blockedId);

    /** Whether {@code muterId} muted {@code mutedId}. */
    boolean mutes(long muterId, long mutedId);

    /** Whether either of the two blocked the other. */
    boolean blockedEitherWay(long a, long b);

    /**
     * Those of {@code candidates} from whom {@code authorId} is hidden (they muted the author, blocked them or are
     * blocked by them), in one query: who of the people connected to a live stream must not see the author's post.
     */
    Set<Long> hidingAmong(long authorId, Collection<Long> candidates);
}
