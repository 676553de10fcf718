package dev.microposts.posts.internal;

import dev.microposts.refusals.NotFound;

/** A tag no post can carry: {@code #}, digits only, a run too long, or characters a tag never holds. */
class NoSuchTag extends NotFound {

    NoSuchTag(String tag) {
        super("'" + tag + "' is not a hashtag: a tag is up to 100 letters, digits or underscores, with a letter");
    }
}
