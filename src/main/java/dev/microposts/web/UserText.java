package dev.microposts.web;

import java.util.Optional;

/**
 * Checks free text typed by users: its length in Unicode code points (so an emoji counts once), and
 * that PostgreSQL can store it (no NUL, no unpaired surrogate). The text itself is kept verbatim.
 */
public final class UserText {

    private UserText() {}

    /** Why this text is refused, or empty when it is acceptable. */
    public static Optional<String> problemWith(String text, int maxLength, boolean blankAllowed) {
        if (text == null || (!blankAllowed && text.isBlank())) {
            return Optional.of(blankAllowed ? "is required" : "must not be blank");
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.of("must not contain NUL characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an invalid Unicode character");
            }
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        return Optional.empty();
    }
}
