package dev.microposts.accounts.internal;

import dev.microposts.refusals.NotFound;

/** The signed-in account was deleted while its session or token lived on. */
class AccountGone extends NotFound {

    AccountGone() {
        super("This account no longer exists");
    }
}
