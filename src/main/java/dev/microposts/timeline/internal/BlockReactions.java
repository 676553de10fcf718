package dev.microposts.timeline.internal;

import dev.microposts.accounts.UserBlocked;
import dev.microposts.bus.BusListener;
import org.springframework.stereotype.Component;

/**
 * A block ends the follows between the two people, both ways, through the same unfollow as anyone's: each ended
 * follow publishes its {@link dev.microposts.timeline.UserUnfollowed}, so the posts leave both home timelines by
 * the usual reaction and every other listener of unfollows hears of it. Unblocking brings no follow back.
 */
@Component
class BlockReactions {

    private final FollowService follows;

    BlockReactions(FollowService follows) {
        this.follows = follows;
    }

    @BusListener("timeline.blocked")
    void on(UserBlocked event) {
        follows.unfollow(event.blockerId(), event.blockedId());
        follows.unfollow(event.blockedId(), event.blockerId());
    }
}
