package dev.microposts.media.internal;

import dev.microposts.refusals.Conflict;
import java.util.UUID;

/** An upload a post carries goes with its post, never on its own, or the post would lose its video. */
class MediaItemOnAPost extends Conflict {

    MediaItemOnAPost(UUID id) {
        super("Media item " + id + " is on one of your posts; delete the post to delete it");
    }
}
