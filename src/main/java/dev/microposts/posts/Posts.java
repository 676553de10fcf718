package dev.microposts.posts;

import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.Collection;

/** What other modules may read of the posts. */
public interface Posts {

    /** Posts by any of these authors, newest first: the building block of a home timeline. */
    Page<PostView> byAuthors(Collection<Long> authorIds, PageRequest page);
}
