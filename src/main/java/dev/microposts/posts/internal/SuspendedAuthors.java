package dev.microposts.posts.internal;

import dev.microposts.accounts.UserSuspended;
import dev.microposts.accounts.UserUnsuspended;
import dev.microposts.bus.BusListener;
import org.springframework.stereotype.Component;

/**
 * Hides the posts of a suspended account from every read (pages, the API, search, timelines) and shows them again
 * when the suspension is lifted. The posts stay stored: a suspension is not a deletion.
 */
@Component
class SuspendedAuthors {

    private final StoredPosts posts;

    SuspendedAuthors(StoredPosts posts) {
        this.posts = posts;
    }

    @BusListener("posts.author-suspended")
    void on(UserSuspended event) {
        posts.setAuthorSuspended(event.userId(), true);
    }

    @BusListener("posts.author-unsuspended")
    void on(UserUnsuspended event) {
        posts.setAuthorSuspended(event.userId(), false);
    }
}
