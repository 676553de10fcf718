package dev.microposts.posts.internal;

import java.time.Instant;

/**
 * A stored post. {@code version} grows with each edit and is the post's ETag; {@code mediaCount} is how many videos
 * it carries and {@code mediaPending} how many of those are not ready yet; {@code inReplyToId} is the post it
 * answers, if any.
 */
record Post(
        long id,
        long authorId,
        String text,
        Long referencedId,
        Instant createdAt,
        Instant editedAt,
        int version,
        int mediaPending,
        int mediaCount,
        Long inReplyToId) {

    /** Whether everyone may see it: all its videos are ready. */
    boolean published() {
        return mediaPending == 0;
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
