package dev.microposts.accounts;

import java.util.List;

/**
 * Suspending accounts, for the module that moderates. A suspension ends at once every API token and page session
 * of the account, refuses its logins, and publishes {@link UserSuspended}, on which the other modules hide its
 * posts; lifting it publishes {@link UserUnsuspended}. Both join the caller's transaction, so the moderator's
 * record of the action commits with them or not at all.
 */
public interface Suspensions {

    /** Suspends the user; false when they are suspended already. {@link UserNotFound} when there is no such user. */
    boolean suspend(UserRef user);

    /** Lifts the user's suspension; false when they are not suspended. {@link UserNotFound} when there is no such user. */
    boolean unsuspend(UserRef user);

    /** Whether the user is suspended now, read fresh. */
    boolean isSuspended(long userId);

    /** The suspended users, the most recently suspended first, up to {@code limit}. */
    List<UserRef> suspended(int limit);
}
