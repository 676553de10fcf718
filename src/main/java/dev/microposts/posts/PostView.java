package dev.microposts.posts;

import dev.microposts.media.MediaView;
import java.time.Instant;
import java.util.List;

/**
 * A post as the API shows it, with the book's fields ({@code href}, {@code id}, {@code text},
 * {@code referenced}, {@code timestamp}, {@code user}), when it was created and last edited, its videos, and
 * whether others see it yet: a post with videos is {@code published} once all of them are ready; until then
 * only its author sees it (with each video's status).
 */
public record PostView(
        String href,
        long id,
        String text,
        String referenced,
        Instant timestamp,
        String user,
        Instant createdAt,
        Instant editedAt,
        List<MediaView> media,
        boolean published) {}
