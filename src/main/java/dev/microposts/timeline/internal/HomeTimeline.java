package dev.microposts.timeline.internal;

import dev.microposts.accounts.Relations;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The home timeline, for the API and the home page alike: the user's own posts, those of everyone they follow, and
 * what those people reposted, newest first. Others' posts come from the timeline materialized on write; the user's
 * own are read directly, so a post shows in its author's timeline the moment it is written. A repost sits where a
 * post written at the time of the repost would, and says who reposted it; a post shows once, at its newest place.
 * Authors and reposters the user blocked, was blocked by or muted are left out when read (a mute keeps the follow,
 * so its rows stay), with the user's hidden set asked for once.
 */
@Component
class HomeTimeline {

    private final HomeTimelines timelines;
    private final TimelineReposts reposts;
    private final Posts posts;
    private final Users users;
    private final Relations relations;

    HomeTimeline(HomeTimelines timelines, TimelineReposts reposts, Posts posts, Users users, Relations relations) {
        this.timelines = timelines;
        this.reposts = reposts;
        this.posts = posts;
        this.users = users;
        this.relations = relations;
    }

    Page<VisiblePost> page(UserRef user, PageRequest page) {
        long before = page.cursor().before();
        int rows = page.limit() + 1;
        List<Entry> entries = new ArrayList<>();
        Set<Long> hidden = relations.hiddenFrom(user.id());
        timelines.page(user.id(), before, rows, hidden).forEach(id -> entries.add(new Entry(id, id, null)));
        posts.idsByAuthor(user.id(), before, rows, true).forEach(id -> entries.add(new Entry(id, id, null)));
        reposts.page(user.id(), before, rows, hidden)
                .forEach(r -> entries.add(new Entry(r.postId(), r.position(), r.repostedBy())));
        entries.sort(Comparator.comparingLong(Entry::position).reversed());
        Set<Long> seen = new HashSet<>();
        List<Entry> newestPlaces =
                entries.stream().filter(e -> seen.add(e.postId())).limit(rows).toList();
        Page<Entry> shown = Page.of(newestPlaces, page.limit(), Entry::position);
        Map<Long, Entry> byPost = new HashMap<>();
        shown.items().forEach(e -> byPost.put(e.postId(), e));
        Map<Long, UserRef> names = users.byIds(shown.items().stream()
                .map(Entry::repostedBy)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        List<VisiblePost> visible =
                posts.byIds(shown.items().stream().map(Entry::postId).toList(), Optional.of(user)).stream()
                        .map(post -> {
                            Long reposter = byPost.get(post.id()).repostedBy();
                            UserRef name = reposter == null ? null : names.get(reposter);
                            return name == null ? post : post.repostedBy(name.username());
                        })
                        .toList();
        return new Page<>(visible, shown.next());
    }

    /** A post in the timeline at its place: its own id, or where it was reposted, and by whom. */
    private record Entry(long postId, long position, Long repostedBy) {}
}
