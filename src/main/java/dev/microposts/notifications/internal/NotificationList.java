package dev.microposts.notifications.internal;

import dev.microposts.accounts.Relations;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.Posts;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A page of a user's notifications, newest first, with who did each thing resolved to a username and the post each
 * concerns. A video's post is looked up as the page is read, not when the notification is written: a video is
 * often ready before the post that carries it is written.
 */
@Component
class NotificationList {

    /** The kinds about something done to the user's own post, rather than a post the actor wrote. */
    private static final Set<String> OWN_POST = Set.of(NotificationReactions.LIKED, NotificationReactions.REPOSTED);

    private final NotificationStore store;
    private final Users users;
    private final Posts posts;
    private final Relations relations;

    NotificationList(NotificationStore store, Users users, Posts posts, Relations relations) {
        this.store = store;
        this.users = users;
        this.posts = posts;
        this.relations = relations;
    }

    /** How many of the user's notifications are unread, counted as {@link #page} lists them. */
    long unread(UserRef user) {
        return store.unread(user.id(), relations.hiddenFrom(user.id()));
    }

    Page<Entry> page(UserRef user, PageRequest page, boolean unreadOnly) {
        Page<NotificationStore.Notification> rows = Page.of(
                store.page(
                        user.id(), page.cursor().before(), page.limit(), unreadOnly, relations.hiddenFrom(user.id())),
                page.limit(),
                NotificationStore.Notification::id);
        Map<Long, UserRef> actors = users.byIds(rows.items().stream()
                .map(NotificationStore.Notification::actorId)
                .filter(Objects::nonNull)
                .toList());
        Map<UUID, Long> videoPosts = posts.postIdsByMedia(rows.items().stream()
                .filter(n -> n.postId() == null)
                .map(NotificationStore.Notification::mediaId)
                .filter(Objects::nonNull)
                .toList());
        return rows.map(n -> {
            UserRef actor = n.actorId() == null ? null : actors.get(n.actorId());
            String actorName = actor == null ? null : actor.username();
            Long postId = n.postId();
            // why: a reply or a mention is the actor's post; a like or a repost is of the user's own
            String postAuthor = OWN_POST.contains(n.kind()) ? user.username() : actorName;
            if (postId == null && n.mediaId() != null) {
                // why: only its owner can put a video on a post, so the post is the user's own
                postId = videoPosts.get(n.mediaId());
                postAuthor = user.username();
            }
            return new Entry(
                    n.id(),
                    n.kind(),
                    actorName,
                    postId,
                    postId == null ? null : postAuthor,
                    n.mediaId(),
                    n.reason(),
                    n.createdAt(),
                    n.readAt() != null);
        });
    }

    /**
     * One notification, its actor by username (null when there is none, or the account is gone), and the post it
     * concerns with that post's author (both null when it concerns none).
     */
    record Entry(
            long id,
            String kind,
            String actor,
            Long postId,
            String postAuthor,
            UUID mediaId,
            String reason,
            Instant createdAt,
            boolean read) {}
}
