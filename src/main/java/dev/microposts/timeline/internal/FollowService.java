package dev.microposts.timeline.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Follow and unfollow, each publishing its event in the transaction that changes the graph (once per change). */
@Service
class FollowService {

    private final Follows follows;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FollowService(Follows follows, ApplicationEventPublisher events, Clock clock) {
        this.follows = follows;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    void follow(long followerId, long followeeId) {
        if (follows.follow(followerId, followeeId)) {
            events.publishEvent(new UserFollowed(DomainEvent.newId(), clock.instant(), followerId, followeeId));
        }
    }

    @Transactional
    void unfollow(long followerId, long followeeId) {
        if (follows.unfollow(followerId, followeeId)) {
            events.publishEvent(new UserUnfollowed(DomainEvent.newId(), clock.instant(), followerId, followeeId));
        }
    }
}
