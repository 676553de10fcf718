package dev.microposts.timeline.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The home timeline, for the API and the home page alike: the user's own posts and those of everyone they
 * follow, newest first. Others' posts come from the timeline materialized on write; the user's own are read
 * directly, so a post shows in its author's timeline the moment it is written. A post someone reposted says who.
 * A repost keeps the place of the post's own time: the timeline is ordered by post, and a post is in it once.
 */
@Component
class HomeTimeline {

    private final HomeTimelines timelines;
    private final Posts posts;
    private final Users users;

    HomeTimeline(HomeTimelines timelines, Posts posts, Users users) {
        this.timelines = timelines;
        this.users = users;
        this.posts = posts;
    }

    Page<VisiblePost> page(UserRef user, PageRequest page) {
        long before = page.cursor().before();
        List<Long> ids = new ArrayList<>(timelines.page(user.id(), before, page.limit() + 1));
        ids.addAll(posts.idsByAuthor(user.id(), before, page.limit() + 1, true));
        ids = new ArrayList<>(
                ids.stream().distinct().sorted(Comparator.reverseOrder()).toList());
        Page<Long> idPage = Page.of(ids.subList(0, Math.min(ids.size(), page.limit() + 1)), page.limit(), id -> id);
        Map<Long, Long> reposters = timelines.reposters(user.id(), idPage.items());
        Map<Long, UserRef> names = users.byIds(Set.copyOf(reposters.values()));
        List<VisiblePost> shown = posts.byIds(idPage.items(), Optional.of(user)).stream()
                .map(post -> {
                    UserRef reposter = names.get(reposters.get(post.id()));
                    return reposter == null ? post : post.repostedBy(reposter.username());
                })
                .toList();
        return new Page<>(shown, idPage.next());
    }
}
