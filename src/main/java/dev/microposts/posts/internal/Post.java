package dev.microposts.posts.internal;

import java.time.Instant;

/** A stored post. {@code version} grows with each edit and is the post's ETag. */
record Post(
        long id,
        long authorId,
        String text,
        Long referencedId,
        Instant createdAt,
        Instant editedAt,
        int version,
        int mediaPending) {

    String etag() {
        return "\"" + version + "\"";
    }
}
