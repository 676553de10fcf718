package dev.microposts.accounts;

import dev.microposts.refusals.NotFound;

/**
 * There is no user by that name. Public because the modules that look people up through {@link Users} meet it,
 * and may tell it from other things that are not found.
 */
public class UserNotFound extends NotFound {

    public UserNotFound(String username) {
        super("There is no user named '" + username + "'");
    }
}
