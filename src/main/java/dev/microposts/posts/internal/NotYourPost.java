package dev.microposts.posts.internal;

import dev.microposts.refusals.NotAllowed;

/** Only the author of a post may change or delete it. */
class NotYourPost extends NotAllowed {

    NotYourPost(long id) {
        super("Only its author can change post " + id);
    }
}
