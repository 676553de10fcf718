package dev.microposts.web;

import java.util.Optional;

/**
 * The username of whoever a request is signed in as. The module that signs people in provides it, so the web
 * module can answer {@code /me} without knowing how accounts are kept.
 */
@FunctionalInterface
public interface PrincipalUsernames {

    /** The username of this authenticated principal; empty when it is not one of our users. */
    Optional<String> usernameOf(Object principal);
}
