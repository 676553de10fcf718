package dev.microposts.timeline.internal;

import dev.microposts.accounts.Relations;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.bus.DomainEvent;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.NotAllowed;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow and unfollow, each publishing its event in the transaction that changes the graph (once per change). A
 * block stands between two people: no follow either way while it does.
 */
@Service
class FollowService {

    private final Follows follows;
    private final Users users;
    private final Relations relations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FollowService(Follows follows, Users users, Relations relations, ApplicationEventPublisher events, Clock clock) {
        this.follows = follows;
        this.users = users;
        this.relations = relations;
        this.events = events;
        this.clock = clock;
    }

    /** One page of the user's followers or followings, most recent first, each with their username. */
    Page<Link> people(Follows.Side side, String username, PageRequest page) {
        UserRef user = users.requireByUsername(username);
        Page<Follows.Follow> rows = follows.list(side, user.id(), page);
        Map<Long, UserRef> names =
                users.byIds(rows.items().stream().map(Follows.Follow::userId).toList());
        return rows.map(follow -> new Link(names.get(follow.userId()), follow.since()));
    }

    /** Someone in a followers or following list, and since when. */
    record Link(UserRef user, Instant since) {}

    @Transactional
    void follow(long followerId, long followeeId) {
        if (followerId == followeeId) {
            throw InvalidInput.of("username", "you cannot follow yourself");
        }
        if (relations.blockedEitherWay(followerId, followeeId)) {
            throw new NotAllowed("You cannot follow this account: one of you has blocked the other");
        }
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
