package dev.microposts.timeline.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The home timeline, for the API and the home page alike: the user's own posts and those of everyone they
 * follow, newest first. Others' posts come from the timeline materialized on write; the user's own are read
 * directly, so a post shows in its author's timeline the moment it is written.
 */
@Component
class HomeTimeline {

    private final HomeTimelines timelines;
    private final Posts posts;

    HomeTimeline(HomeTimelines timelines, Posts posts) {
        this.timelines = timelines;
        this.posts = posts;
    }

    Page<VisiblePost> page(UserRef user, PageRequest page) {
        long before = page.cursor().before();
        List<Long> ids = new ArrayList<>(timelines.page(user.id(), before, page.limit() + 1));
        ids.addAll(posts.idsByAuthor(user.id(), before, page.limit() + 1, true));
        ids.sort(Comparator.reverseOrder());
        Page<Long> idPage = Page.of(ids.subList(0, Math.min(ids.size(), page.limit() + 1)), page.limit(), id -> id);
        return new Page<>(posts.byIds(idPage.items(), Optional.of(user)), idPage.next());
    }
}
