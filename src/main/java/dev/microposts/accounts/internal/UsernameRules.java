package dev.microposts.accounts.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a username may be: 3 to 30 ASCII letters, digits and underscores, starting with a letter, and
 * not a word the site uses for itself. Usernames appear in URLs, so nothing needs escaping. The README lists
 * the reserved words, so an operator choosing the first admin's name knows them before being refused.
 */
final class UsernameRules {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,29}");
    static final Set<String> RESERVED = Set.of(
            "admin",
            "administrator",
            "api",
            "root",
            "me",
            "microposts",
            "support",
            "help",
            "settings",
            "login",
            "logout",
            "signup",
            "register",
            "search",
            "static",
            "media",
            "ops",
            "actuator",
            "system",
            "null",
            "undefined",
            "anonymous");

    private UsernameRules() {}

    /** Whether this is shaped like a username at all; anything else cannot belong to an account. */
    static boolean couldBeUsername(String username) {
        return ALLOWED.matcher(username).matches();
    }

    static Optional<String> problemWith(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("is required");
        }
        if (!ALLOWED.matcher(username).matches()) {
            return Optional.of("must be 3 to 30 letters, digits or underscores, starting with a letter");
        }
        if (RESERVED.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("is reserved for the site itself; choose another");
        }
        return Optional.empty();
    }
}
