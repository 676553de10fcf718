package dev.microposts.accounts.internal;

import dev.microposts.accounts.Suspensions;
import dev.microposts.accounts.UserNotFound;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.UserSuspended;
import dev.microposts.accounts.UserUnsuspended;
import dev.microposts.bus.DomainEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Suspensions} on the {@code users} table. The tokens go in the same transaction as the suspension; the page
 * sessions are ended right after, and a session that a login raced in meanwhile is signed out on its next request
 * by {@link CurrentRoles}, which reads the account every time.
 */
@Service
class AccountSuspensions implements Suspensions {

    private final Accounts accounts;
    private final AccessTokens tokens;
    private final UserSessions sessions;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountSuspensions(
            Accounts accounts,
            AccessTokens tokens,
            UserSessions sessions,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean suspend(UserRef user) {
        boolean changed = Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<Account> suspended = accounts.suspend(existing(user).id());
            suspended.ifPresent(account -> {
                tokens.revokeAll(account.id());
                events.publishEvent(
                        new UserSuspended(DomainEvent.newId(), clock.instant(), account.id(), account.username()));
            });
            return suspended.isPresent();
        }));
        if (changed) {
            sessions.endAllBut(user, null);
        }
        return changed;
    }

    @Override
    public boolean unsuspend(UserRef user) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<Account> lifted = accounts.unsuspend(existing(user).id());
            lifted.ifPresent(account -> events.publishEvent(
                    new UserUnsuspended(DomainEvent.newId(), clock.instant(), account.id(), account.username())));
            return lifted.isPresent();
        }));
    }

    @Override
    public boolean isSuspended(long userId) {
        return accounts.byId(userId).map(Account::suspended).orElse(false);
    }

    @Override
    public List<UserRef> suspended(int limit) {
        return accounts.suspended(limit).stream().map(Account::ref).toList();
    }

    private Account existing(UserRef user) {
        return accounts.byId(user.id()).orElseThrow(() -> new UserNotFound(user.username()));
    }
}
