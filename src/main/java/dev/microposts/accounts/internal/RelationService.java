package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserBlocked;
import dev.microposts.accounts.UserMuted;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.UserUnblocked;
import dev.microposts.accounts.UserUnmuted;
import dev.microposts.accounts.Users;
import dev.microposts.bus.DomainEvent;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Block, unblock, mute and unmute, each idempotent and publishing its event in the transaction that changes the
 * table, once per real change. What a block does to follows is the timeline module's reaction to
 * {@link UserBlocked}.
 */
@Service
class RelationService {

    private final StoredRelations relations;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RelationService(StoredRelations relations, Users users, ApplicationEventPublisher events, Clock clock) {
        this.relations = relations;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    void block(UserRef user, String username) {
        long other = other(user, username, "block");
        if (relations.add(StoredRelations.Kind.BLOCK, user.id(), other)) {
            events.publishEvent(new UserBlocked(DomainEvent.newId(), clock.instant(), user.id(), other));
        }
    }

    @Transactional
    void unblock(UserRef user, String username) {
        long other = users.requireByUsername(username).id();
        if (relations.remove(StoredRelations.Kind.BLOCK, user.id(), other)) {
            events.publishEvent(new UserUnblocked(DomainEvent.newId(), clock.instant(), user.id(), other));
        }
    }

    @Transactional
    void mute(UserRef user, String username) {
        long other = other(user, username, "mute");
        if (relations.add(StoredRelations.Kind.MUTE, user.id(), other)) {
            events.publishEvent(new UserMuted(DomainEvent.newId(), clock.instant(), user.id(), other));
        }
    }

    @Transactional
    void unmute(UserRef user, String username) {
        long other = users.requireByUsername(username).id();
        if (relations.remove(StoredRelations.Kind.MUTE, user.id(), other)) {
            events.publishEvent(new UserUnmuted(DomainEvent.newId(), clock.instant(), user.id(), other));
        }
    }

    /** One page of the people the user blocked or muted, most recent first, each with their username. */
    Page<Link> list(StoredRelations.Kind kind, UserRef user, PageRequest page) {
        Page<StoredRelations.Entry> rows = relations.list(kind, user.id(), page);
        Map<Long, UserRef> names = users.byIds(
                rows.items().stream().map(StoredRelations.Entry::userId).toList());
        return rows.map(entry -> new Link(names.get(entry.userId()), entry.since()));
    }

    /** Someone blocked or muted, and since when. */
    record Link(UserRef user, Instant since) {}

    private long other(UserRef user, String username, String verb) {
        long other = users.requireByUsername(username).id();
        if (other == user.id()) {
            throw InvalidInput.of("username", "you cannot " + verb + " yourself");
        }
        return other;
    }
}
