package dev.microposts.timeline;

import java.util.Collection;
import java.util.Set;

/** What other modules may ask of the follow graph. */
public interface FollowGraph {

    /** Those of {@code candidates} who follow {@code userId}. */
    Set<Long> followersAmong(long userId, Collection<Long> candidates);
}
