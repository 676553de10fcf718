package dev.microposts.posts;

import java.time.Instant;

/**
 * A post as the API shows it, with the book's fields ({@code href}, {@code id}, {@code text},
 * {@code referenced}, {@code timestamp}, {@code user}) and when it was created and last edited.
 */
public record PostView(
        String href,
        long id,
        String text,
        String referenced,
        Instant timestamp,
        String user,
        Instant createdAt,
        Instant editedAt) {}
