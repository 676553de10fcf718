package dev.microposts.accounts;

import java.io.Serializable;

/**
 * A user as other modules see one: the stable id and the username (which never changes). It is also
 * the authenticated principal of API and page requests, so controllers can take it with
 * {@code @AuthenticationPrincipal UserRef user}.
 */
public record UserRef(long id, String username) implements Serializable {}
