package dev.microposts.posts;

import dev.microposts.media.MediaView;
import java.time.Instant;
import java.util.List;

/**
 * A post as one reader may see it: its author sees it while its videos are still processing, everyone else
 * once it is {@code published}. It names people by username and says nothing of where it is served; the API
 * adds that with {@link dev.microposts.posts.web.PostLinks}.
 */
public record VisiblePost(
        long id,
        String text,
        String referenced,
        Instant timestamp,
        String user,
        Instant createdAt,
        Instant editedAt,
        List<MediaView> media,
        boolean published) {}
