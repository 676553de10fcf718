package dev.microposts.posts.internal;

import dev.microposts.refusals.NotFound;

/** There is no such post in that user's collection, or it is not published yet and the reader is not its author. */
class PostNotFound extends NotFound {

    PostNotFound(String owner, long id) {
        super("User '" + owner + "' has no post " + id);
    }
}
