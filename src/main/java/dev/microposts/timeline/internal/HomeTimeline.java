package dev.microposts.timeline.internal;

import dev.microposts.accounts.Relations;
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
 * directly, so a post shows in its author's timeline the moment it is written. Authors the user blocked, was
 * blocked by or muted are left out when read (a mute keeps the follow, so its rows stay).
 */
@Component
class HomeTimeline {

    private final HomeTimelines timelines;
    private final Posts posts;
    private final Relations relations;

    HomeTimeline(HomeTimelines timelines, Posts posts, Relations relations) {
        this.timelines = timelines;
        this.posts = posts;
        this.relations = relations;
    }

    Page<VisiblePost> page(UserRef user, PageRequest page) {
        long before = page.cursor().before();
        List<Long> ids =
                new ArrayList<>(timelines.page(user.id(), before, page.limit() + 1, relations.hiddenFrom(user.id())));
        ids.addAll(posts.idsByAuthor(user.id(), before, page.limit() + 1, true));
        ids.sort(Comparator.reverseOrder());
        Page<Long> idPage = Page.of(ids.subList(0, Math.min(ids.size(), page.limit() + 1)), page.limit(), id -> id);
        return new Page<>(posts.byIds(idPage.items(), Optional.of(user)), idPage.next());
    }
}
