package dev.microposts.posts.web;

import dev.microposts.media.MediaView;
import dev.microposts.posts.VisiblePost;
import java.time.Instant;
import java.util.List;

/**
 * A post as the API shows it, with the book's fields ({@code href}, {@code id}, {@code text},
 * {@code referenced}, {@code timestamp}, {@code user}), when it was created and last edited, its videos, and
 * whether others see it yet: a post with videos is {@code published} once all of them are ready; until then
 * only its author sees it (with each video's status). {@link PostLinks} makes one from a {@link VisiblePost}.
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
        boolean published) {

    static PostView of(String href, VisiblePost post) {
        return new PostView(
                href,
                post.id(),
                post.text(),
                post.referenced(),
                post.timestamp(),
                post.user(),
                post.createdAt(),
                post.editedAt(),
                post.media(),
                post.published());
    }
}
