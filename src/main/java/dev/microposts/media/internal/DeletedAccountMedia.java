package dev.microposts.media.internal;

import dev.microposts.accounts.UserDeleted;
import dev.microposts.bus.BusListener;
import org.springframework.stereotype.Component;

/**
 * A deleted account's videos go, on a post or not, with every stored file: the original, the renditions and the
 * thumbnail. Their rows are found by owner, which is why the account's own row waits for this reaction. A video
 * still being processed is safe to delete: a worker that finds its item gone records nothing and deletes what it
 * wrote. Storage that refuses now fails the delivery, which the bus retries, so no file is left behind.
 */
@Component
class DeletedAccountMedia {

    private final MediaStore store;
    private final MediaService media;

    DeletedAccountMedia(MediaStore store, MediaService media) {
        this.store = store;
        this.media = media;
    }

    @BusListener("media.user_deleted")
    void on(UserDeleted event) {
        media.discard(store.idsOwnedBy(event.userId()));
    }
}
