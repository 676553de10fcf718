package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.bus.DomainEvent;
import dev.microposts.posts.PostLiked;
import dev.microposts.posts.PostReposted;
import dev.microposts.posts.PostUnliked;
import dev.microposts.posts.PostUnreposted;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversation around a post: its thread (the posts it answers, the replies it has), likes and reposts. Liking
 * or reposting is idempotent: doing it twice, or undoing what was never done, changes nothing and announces nothing.
 * Only a post the person may see can be liked or reposted; undoing works on any post they can still see.
 */
@Service
class ConversationService {

    /** How far up a thread a post's page and the API look: enough for any conversation people actually read. */
    static final int MAX_ANCESTORS = 50;

    private final PostService posts;
    private final StoredPosts stored;
    private final Likes likes;
    private final Reposts reposts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationService(
            PostService posts,
            StoredPosts stored,
            Likes likes,
            Reposts reposts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.posts = posts;
        this.stored = stored;
        this.likes = likes;
        this.reposts = reposts;
        this.events = events;
        this.clock = clock;
    }

    /** The replies to a post, newest first. */
    Page<Post> replies(String username, long id, PageRequest page, Optional<UserRef> viewer) {
        Post post = posts.get(username, id, viewer);
        return Page.of(
                stored.replies(
                        post.id(), page.cursor(), page.limit(), PostService.viewerId(viewer), posts.hidden(viewer)),
                page.limit(),
                Post::id);
    }

    /** The posts above this one in its thread, the first post of the thread first (at most {@link #MAX_ANCESTORS}). */
    List<Post> ancestors(String username, long id, Optional<UserRef> viewer) {
        Post post = posts.get(username, id, viewer);
        List<Post> up = new ArrayList<>(
                stored.ancestors(post.id(), MAX_ANCESTORS, PostService.viewerId(viewer), posts.hidden(viewer)));
        Collections.reverse(up);
        return up;
    }

    @Transactional
    void like(UserRef user, String username, long id) {
        Post post = posts.get(username, id, Optional.of(user));
        if (marked(() -> likes.add(post.id(), user.id()), username, id)) {
            events.publishEvent(
                    new PostLiked(DomainEvent.newId(), clock.instant(), post.id(), post.authorId(), user.id()));
        }
    }

    @Transactional
    void unlike(UserRef user, String username, long id) {
        Post post = posts.get(username, id, Optional.of(user));
        if (likes.remove(post.id(), user.id())) {
            events.publishEvent(
                    new PostUnliked(DomainEvent.newId(), clock.instant(), post.id(), post.authorId(), user.id()));
        }
    }

    /** Reposts to the user's followers; a post of one's own can be reposted too, as elsewhere. */
    @Transactional
    void repost(UserRef user, String username, long id) {
        Post post = posts.get(username, id, Optional.of(user));
        if (!post.published()) {
            throw new PostNotFound(username, id);
        }
        if (marked(() -> reposts.add(post.id(), user.id()), username, id)) {
            events.publishEvent(
                    new PostReposted(DomainEvent.newId(), clock.instant(), post.id(), post.authorId(), user.id()));
        }
    }

    @Transactional
    void unrepost(UserRef user, String username, long id) {
        Post post = posts.get(username, id, Optional.of(user));
        if (reposts.remove(post.id(), user.id())) {
            events.publishEvent(
                    new PostUnreposted(DomainEvent.newId(), clock.instant(), post.id(), post.authorId(), user.id()));
        }
    }

    /** Runs a mark; a post deleted between reading it and marking it is not found, as it would be a moment later. */
    private static boolean marked(BooleanSupplier mark, String username, long id) {
        try {
            return mark.getAsBoolean();
        } catch (DataIntegrityViolationException e) {
            throw new PostNotFound(username, id);
        }
    }
}
