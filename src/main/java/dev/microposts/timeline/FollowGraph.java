package dev.microposts.timeline;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What other modules may ask of the follow graph. */
public interface FollowGraph {

    /** Those of {@code candidates} who follow {@code userId}. */
    Set<Long> followersAmong(long userId, Collection<Long> candidates);

    /** The ids of the people the user follows, in the order they were followed. */
    List<Long> following(long userId);

    /** The ids of the people who follow the user, in the order they followed. */
    List<Long> followers(long userId);
}
