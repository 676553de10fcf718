package dev.microposts.timeline.internal;

import dev.microposts.accounts.UserDeleted;
import dev.microposts.bus.BusListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account leaves the follow graph both ways, its own home timeline goes, and its posts leave everyone
 * else's (reads stopped showing them when the posts were deleted; these rows would only wait to be skipped).
 * No unfollow events: the people it followed are told nothing, as when an account goes anywhere.
 */
@Component
class DeletedAccountFollows {

    private final Follows follows;
    private final HomeTimelines timelines;

    DeletedAccountFollows(Follows follows, HomeTimelines timelines) {
        this.follows = follows;
        this.timelines = timelines;
    }

    @BusListener("timeline.user_deleted")
    void on(UserDeleted event) {
        follows.forget(event.userId());
        timelines.forget(event.userId());
    }
}
