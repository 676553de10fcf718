package dev.microposts.accounts.internal;

import dev.microposts.refusals.NotAllowed;

/** The password was right, but a moderator suspended the account: it may not sign in. */
final class AccountSuspended extends NotAllowed {

    AccountSuspended() {
        super("This account is suspended");
    }
}
