package dev.microposts.accounts.internal;

import dev.microposts.refusals.Conflict;

/** Someone already has the username; names are unique regardless of case. */
class UsernameTaken extends Conflict {

    UsernameTaken(String username) {
        super("The username '" + username + "' is already taken");
    }
}
