package dev.microposts.posts.internal;

import dev.microposts.bus.BusListener;
import dev.microposts.media.MediaLibrary;
import dev.microposts.posts.PostDeleted;
import org.springframework.stereotype.Component;

/**
 * A deleted post takes its videos with it: left behind, their files would stay public under URLs that were
 * shared with the post. Done from the bus rather than in the deleting request, so that storage being down
 * delays it (the delivery is retried) instead of refusing the deletion, and whichever process runs the
 * consumer does it.
 */
@Component
class DeletedPostMedia {

    private final MediaLibrary media;

    DeletedPostMedia(MediaLibrary media) {
        this.media = media;
    }

    @BusListener("posts.deleted_media")
    void on(PostDeleted event) {
        media.discard(event.mediaIds());
    }
}
