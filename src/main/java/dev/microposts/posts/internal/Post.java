package dev.microposts.posts.internal;

import java.time.Instant;

/**
 * A stored post. {@code version} grows with each edit and is the post's ETag; {@code mediaCount} is how many videos
 * it carries and {@code mediaPending} how many of those are not ready yet.
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
        int mediaCount) {

    String etag() {
        return "\"" + version + "\"";
    }
}
