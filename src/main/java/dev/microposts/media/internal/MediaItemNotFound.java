package dev.microposts.media.internal;

import dev.microposts.refusals.NotFound;

/** No such item, or one its viewer may not know of: both are answered alike so an id is never confirmed. */
class MediaItemNotFound extends NotFound {

    MediaItemNotFound(Object id) {
        super("No media item " + id);
    }
}
