package dev.microposts.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque position in a list ordered by a strictly decreasing id, newest first. A page holds the
 * items with ids below the cursor, so items added at the top never shift a page the client is on.
 */
public record Cursor(long before) {

    public static final Cursor START = new Cursor(Long.MAX_VALUE);

    /** Decodes what {@link #encode()} produced; anything else is a client error. */
    public static Cursor decode(String value) {
        if (value == null || value.isBlank()) {
            return START;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            if (!decoded.startsWith("b:")) {
                throw new IllegalArgumentException();
            }
            long before = Long.parseLong(decoded.substring(2));
            if (before <= 0) {
                throw new IllegalArgumentException();
            }
            return new Cursor(before);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API handed out");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("b:" + before).getBytes(StandardCharsets.US_ASCII));
    }
}
