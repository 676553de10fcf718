package dev.microposts.posts;

import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.Collection;
import java.util.List;

/** What other modules may read of the posts. */
public interface Posts {

    /** Posts by any of these authors, newest first: the building block of a home timeline. */
    Page<PostView> byAuthors(Collection<Long> authorIds, PageRequest page);

    /**
     * Ids of an author's posts older than {@code before}, newest first: only published ones, unless
     * {@code withUnpublished} (the author reading their own).
     */
    List<Long> idsByAuthor(long authorId, long before, int limit, boolean withUnpublished);

    /** These posts as the current reader may see them, in the order given; gone or hidden ones left out. */
    List<PostView> byIds(List<Long> ids);
}
