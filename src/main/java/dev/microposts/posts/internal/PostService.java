package dev.microposts.posts.internal;

import dev.microposts.accounts.Relations;
import dev.microposts.accounts.UserDeleted;
import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.bus.DomainEvent;
import dev.microposts.media.MediaLibrary;
import dev.microposts.media.MediaView;
import dev.microposts.media.VideoReady;
import dev.microposts.posts.PostCreated;
import dev.microposts.posts.PostDeleted;
import dev.microposts.posts.PostEdited;
import dev.microposts.posts.PostPublished;
import dev.microposts.posts.PostText;
import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.refusals.ChangedMeanwhile;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.UserText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The posts use cases: write, edit and delete your own posts; read anyone's; search; a hashtag's posts. */
@Service
class PostService implements Posts {

    /**
     * The most people one post mentions: enough for any conversation, and a bound on the notifications one post
     * can send. Names past it stay plain text.
     */
    static final int MAX_MENTIONS = 50;

    private final StoredPosts posts;
    private final PostTerms terms;
    private final Users users;
    private final Relations relations;
    private final PostsProperties properties;
    private final MediaLibrary media;
    private final PostDetails postDetails;
    private final Reposts reposts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PostService(
            StoredPosts posts,
            PostTerms terms,
            Users users,
            Relations relations,
            PostsProperties properties,
            MediaLibrary media,
            PostDetails details,
            Reposts reposts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.posts = posts;
        this.terms = terms;
        this.postDetails = details;
        this.reposts = reposts;
        this.users = users;
        this.relations = relations;
        this.properties = properties;
        this.media = media;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Writes a post, with videos uploaded before by the same author. Their rows stay locked until the post is
     * committed, so a video that becomes ready meanwhile is counted either here or by {@link #mediaReady}. A reply
     * names a post its author may see ({@code inReplyTo}, null for none).
     */
    @Transactional
    Post create(UserRef author, String text, String referenced, List<String> mediaIds, Long inReplyTo) {
        checkText(text);
        Long parentId = inReplyTo == null ? null : replyable(inReplyTo, author).id();
        Long referencedId =
                referenced == null ? null : referencedUser(referenced).id();
        List<UUID> ids = mediaIds(mediaIds);
        int pending;
        try {
            pending = media.lockForAttaching(author.id(), ids);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("media_ids", e.getMessage());
        }
        Post post = posts.insert(author.id(), text, referencedId, ids.size(), pending, parentId);
        if (!posts.attach(post.id(), ids)) {
            throw InvalidInput.of("media_ids", "a media item is already on another post");
        }
        List<Long> mentioned = storeTerms(post.id(), text);
        events.publishEvent(new PostCreated(
                DomainEvent.newId(),
                clock.instant(),
                post.id(),
                author.id(),
                text,
                referencedId,
                ids,
                pending == 0,
                parentId));
        if (pending == 0) {
            published(post, mentioned);
        }
        return post;
    }

    /** The post a reply answers: one its author may see (no block stands between them), or the reply is refused. */
    private Post replyable(long id, UserRef author) {
        return posts.byId(id, author.id(), relations.blockedEitherWay(author.id()))
                .orElseThrow(() -> InvalidInput.of("in_reply_to", "there is no post " + id + " to reply to"));
    }

    /** Refuses what {@link #create} would refuse in the text and the mention, before a video is stored for them. */
    void checkDraft(String text, String referenced) {
        checkText(text);
        if (referenced != null) {
            referencedUser(referenced);
        }
    }

    /** Runs inside the transaction that made the video ready, so the count never misses one. */
    @EventListener
    void mediaReady(VideoReady ready) {
        posts.mediaReady(ready.mediaId()).ifPresent(post -> published(post, mentionedIds(post.id())));
    }

    /**
     * Runs inside the transaction that deletes the account, so its posts are gone from every read (timelines,
     * threads, search) the moment it commits: one statement, however many posts. Their videos are deleted by the
     * media module's own reaction to the event, which finds them by owner.
     */
    @EventListener
    void authorDeleted(UserDeleted deleted) {
        posts.deleteByAuthor(deleted.userId());
    }

    private void published(Post post, List<Long> mentioned) {
        Long parentAuthor = post.inReplyToId() == null
                ? null
                : posts.authorsOf(List.of(post.inReplyToId())).get(post.inReplyToId());
        events.publishEvent(new PostPublished(
                DomainEvent.newId(),
                clock.instant(),
                post.id(),
                post.authorId(),
                post.referencedId(),
                parentAuthor == null ? null : post.inReplyToId(),
                parentAuthor,
                mentioned));
    }

    /** Records the text's tags and the people it mentions who exist; answers their ids, in text order. */
    private List<Long> storeTerms(long postId, String text) {
        List<Long> mentioned = new ArrayList<>();
        for (String name : PostText.mentionedNames(text)) {
            if (mentioned.size() == MAX_MENTIONS) {
                break;
            }
            users.byUsername(name).ifPresent(user -> mentioned.add(user.id()));
        }
        terms.replace(postId, PostText.tags(text), mentioned);
        return mentioned;
    }

    private List<Long> mentionedIds(long postId) {
        return terms.mentionsOf(List.of(postId)).getOrDefault(postId, List.of());
    }

    private static List<UUID> mediaIds(List<String> mediaIds) {
        if (mediaIds == null) {
            return List.of();
        }
        if (mediaIds.size() > 4) {
            throw InvalidInput.of("media_ids", "at most 4 videos per post");
        }
        List<UUID> ids = new ArrayList<>();
        for (String id : mediaIds) {
            try {
                UUID uuid = UUID.fromString(String.valueOf(id));
                if (ids.contains(uuid)) {
                    throw InvalidInput.of("media_ids", "media item " + id + " is listed twice");
                }
                ids.add(uuid);
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("media_ids", "'" + id + "' is not a media id");
            }
        }
        return ids;
    }

    /** Whose own unpublished posts are visible too; -1, nobody's, for anonymous readers. */
    static long viewerId(Optional<UserRef> viewer) {
        return viewer.map(UserRef::id).orElse(-1L);
    }

    /** Authors the viewer must not see in lists: blocked either way, or muted. Nobody, for anonymous readers. */
    Set<Long> hidden(Optional<UserRef> viewer) {
        return viewer.map(user -> relations.hiddenFrom(user.id())).orElse(Set.of());
    }

    /**
     * Authors whose own posts the viewer must not open, even by their address: blocked either way. A muted
     * author's page and posts stay readable to the muter, who went there on purpose.
     */
    private Set<Long> blocked(Optional<UserRef> viewer) {
        return viewer.map(user -> relations.blockedEitherWay(user.id())).orElse(Set.of());
    }

    /** The post {@code id} in {@code username}'s collection as {@code viewer} may see it; refused if it is someone else's. */
    Post get(String username, long id, Optional<UserRef> viewer) {
        UserRef owner = users.requireByUsername(username);
        return posts.byId(id, viewerId(viewer), blocked(viewer))
                .filter(post -> post.authorId() == owner.id())
                .orElseThrow(() -> new PostNotFound(owner.username(), id));
    }

    @Transactional
    Post edit(UserRef user, String username, long id, PostChange change, Integer expectedVersion) {
        Post current = ownPost(user, username, id);
        change.text().ifPresent(this::checkText);
        Optional<Optional<Long>> referencedId =
                change.referenced().map(name -> name.map(n -> referencedUser(n).id()));
        Post edited = posts.update(current.id(), change.text(), referencedId, expectedVersion)
                .orElseThrow(() -> changedMeanwhile(current.id()));
        List<Long> mentioned =
                change.text().isPresent() ? storeTerms(edited.id(), edited.text()) : mentionedIds(edited.id());
        events.publishEvent(new PostEdited(
                DomainEvent.newId(),
                clock.instant(),
                edited.id(),
                edited.authorId(),
                edited.version(),
                edited.text(),
                edited.referencedId(),
                mentioned,
                edited.mediaPending() == 0));
        return edited;
    }

    @Transactional
    void delete(UserRef user, String username, long id, Integer expectedVersion) {
        Post current = ownPost(user, username, id);
        List<UUID> mediaIds = posts.mediaOf(List.of(current.id())).getOrDefault(current.id(), List.of());
        if (!posts.delete(current.id(), expectedVersion)) {
            throw changedMeanwhile(current.id());
        }
        events.publishEvent(
                new PostDeleted(DomainEvent.newId(), clock.instant(), current.id(), current.authorId(), mediaIds));
    }

    @Override
    @Transactional
    public Optional<Long> removeByModerator(long postId) {
        Optional<Post> found = posts.anyById(postId);
        found.ifPresent(post -> {
            List<UUID> mediaIds = posts.mediaOf(List.of(post.id())).getOrDefault(post.id(), List.of());
            if (posts.delete(post.id(), null)) {
                events.publishEvent(
                        new PostDeleted(DomainEvent.newId(), clock.instant(), post.id(), post.authorId(), mediaIds));
            }
        });
        return found.map(Post::authorId);
    }

    Page<Post> collection(String username, PageRequest page, Optional<UserRef> viewer) {
        UserRef owner = users.requireByUsername(username);
        return Page.of(
                posts.byAuthor(owner.id(), page.cursor(), page.limit(), viewerId(viewer), blocked(viewer)),
                page.limit(),
                Post::id);
    }

    Page<Post> search(String query, PageRequest page, Optional<UserRef> viewer) {
        if (query == null || query.isBlank()) {
            throw InvalidInput.of("q", "must not be blank");
        }
        UserText.problemWith(query, 200, false).ifPresent(problem -> {
            throw InvalidInput.of("q", problem);
        });
        SearchTerms terms = SearchTerms.of(query);
        return Page.of(
                posts.matching(
                        terms.words(), terms.tags(), page.cursor(), page.limit(), viewerId(viewer), hidden(viewer)),
                page.limit(),
                Post::id);
    }

    /**
     * The published posts carrying {@code tag} (as typed or linked: {@code Java}, {@code #java}), newest first, but
     * those by authors hidden from the viewer.
     */
    Page<Post> tagged(String tag, PageRequest page, Optional<UserRef> viewer) {
        String normalized = PostText.normalizeTag(tag).orElseThrow(() -> new NoSuchTag(tag));
        return Page.of(posts.tagged(normalized, page.cursor(), page.limit(), hidden(viewer)), page.limit(), Post::id);
    }

    @Override
    public Page<VisiblePost> byAuthors(Collection<Long> authorIds, PageRequest page, Optional<UserRef> viewer) {
        Page<Post> rows = Page.of(
                posts.byAuthors(authorIds, page.cursor(), page.limit(), viewerId(viewer), blocked(viewer)),
                page.limit(),
                Post::id);
        return new Page<>(views(rows.items(), viewer), rows.next());
    }

    @Override
    public List<Long> idsByAuthor(long authorId, long before, int limit, boolean withUnpublished) {
        return posts.idsByAuthor(authorId, before, limit, withUnpublished);
    }

    @Override
    public Map<UUID, Long> postIdsByMedia(Collection<UUID> mediaIds) {
        return mediaIds.isEmpty() ? Map.of() : posts.postIdsByMedia(mediaIds);
    }

    @Override
    public long placeNow() {
        return posts.nextId();
    }

    @Override
    public List<Long> reposterIds(long postId) {
        return reposts.of(postId);
    }

    @Override
    public Map<Long, Long> repliedAuthors(Collection<Long> postIds) {
        return postIds.isEmpty() ? Map.of() : posts.repliedAuthors(postIds);
    }

    @Override
    public List<VisiblePost> byIds(List<Long> ids, Optional<UserRef> viewer) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Post> found = new java.util.HashMap<>();
        posts.byIds(ids, viewerId(viewer), hidden(viewer)).forEach(post -> found.put(post.id(), post));
        return views(
                ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList(), viewer);
    }

    /** These posts as {@code viewer} sees them, with usernames resolved in one lookup. */
    List<VisiblePost> views(List<Post> rows, Optional<UserRef> viewer) {
        Map<Long, PostDetails.Details> details = postDetails.of(rows, viewerId(viewer));
        Set<Long> ids = new HashSet<>();
        List<UUID> mediaIds = new ArrayList<>();
        for (Post post : rows) {
            PostDetails.Details detail = details.get(post.id());
            ids.add(post.authorId());
            if (post.referencedId() != null) {
                ids.add(post.referencedId());
            }
            if (detail.parentAuthorId() != null) {
                ids.add(detail.parentAuthorId());
            }
            ids.addAll(detail.mentions());
            mediaIds.addAll(detail.media());
        }
        Map<Long, UserRef> names = users.byIds(ids);
        Map<UUID, MediaView> mediaViews = mediaIds.isEmpty() ? Map.of() : media.views(mediaIds, viewerId(viewer));
        List<VisiblePost> views = new ArrayList<>(rows.size());
        for (Post post : rows) {
            PostDetails.Details detail = details.get(post.id());
            List<MediaView> attached = detail.media().stream()
                    .map(mediaViews::get)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            List<String> mentioned = detail.mentions().stream()
                    .map(names::get)
                    .filter(java.util.Objects::nonNull)
                    .map(UserRef::username)
                    .toList();
            views.add(view(post, names, attached, mentioned, detail, viewer.isPresent()));
        }
        return views;
    }

    VisiblePost view(Post post, Optional<UserRef> viewer) {
        return views(List.of(post), viewer).get(0);
    }

    private static VisiblePost view(
            Post post,
            Map<Long, UserRef> names,
            List<MediaView> media,
            List<String> mentions,
            PostDetails.Details figures,
            boolean signedIn) {
        String author = names.get(post.authorId()).username();
        UserRef referenced = post.referencedId() == null ? null : names.get(post.referencedId());
        UserRef parentAuthor = figures.parentAuthorId() == null ? null : names.get(figures.parentAuthorId());
        return new VisiblePost(
                post.id(),
                post.text(),
                referenced == null ? null : referenced.username(),
                post.createdAt(),
                author,
                post.createdAt(),
                post.editedAt(),
                media,
                post.mediaPending() == 0,
                mentions,
                figures.tags(),
                parentAuthor == null ? null : post.inReplyToId(),
                parentAuthor == null ? null : parentAuthor.username(),
                figures.likes(),
                figures.reposts(),
                signedIn ? figures.liked() : null,
                signedIn ? figures.reposted() : null,
                null);
    }

    /** The post {@code id} if {@code user} wrote it: 404 if there is no such post, 403 if it is someone else's. */
    Post ownPost(UserRef user, String username, long id) {
        Post post = get(username, id, Optional.of(user));
        if (post.authorId() != user.id()) {
            throw new NotYourPost(id);
        }
        return post;
    }

    private void checkText(String text) {
        UserText.problemWith(text, properties.maxLength(), false).ifPresent(problem -> {
            throw InvalidInput.of("text", problem);
        });
    }

    private UserRef referencedUser(String username) {
        return users.byUsername(username)
                .orElseThrow(() -> InvalidInput.of("referenced", "there is no user named '" + username + "'"));
    }

    private static ChangedMeanwhile changedMeanwhile(long id) {
        return new ChangedMeanwhile(
                "Post " + id + " was changed since you read it (its ETag no longer matches); read it again and retry");
    }

    /** Which fields an edit sets: absent means unchanged; an empty {@code referenced} clears it. */
    record PostChange(Optional<String> text, Optional<Optional<String>> referenced) {}
}
