package dev.microposts.posts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.accounts.Users;
import dev.microposts.posts.PostView;
import dev.microposts.posts.Posts;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import dev.microposts.web.UserText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The posts use cases: write, edit and delete your own posts; read anyone's; search. */
@Service
class PostService implements Posts {

    private final StoredPosts posts;
    private final Users users;
    private final PostsProperties properties;

    PostService(StoredPosts posts, Users users, PostsProperties properties) {
        this.posts = posts;
        this.users = users;
        this.properties = properties;
    }

    Post create(UserRef author, String text, String referenced) {
        checkText(text);
        Long referencedId =
                referenced == null ? null : referencedUser(referenced).id();
        return posts.insert(author.id(), text, referencedId);
    }

    /** The post {@code id} in {@code username}'s collection; 404 if it is someone else's. */
    Post get(String username, long id) {
        UserRef owner = users.requireByUsername(username);
        return posts.byId(id)
                .filter(post -> post.authorId() == owner.id())
                .orElseThrow(() -> ApiProblem.notFound("User '" + owner.username() + "' has no post " + id));
    }

    Post edit(UserRef user, String username, long id, PostChange change, Integer expectedVersion) {
        Post current = ownPost(user, username, id);
        change.text().ifPresent(this::checkText);
        Optional<Optional<Long>> referencedId =
                change.referenced().map(name -> name.map(n -> referencedUser(n).id()));
        return posts.update(current.id(), change.text(), referencedId, expectedVersion)
                .orElseThrow(() -> changedMeanwhile(current.id()));
    }

    void delete(UserRef user, String username, long id, Integer expectedVersion) {
        Post current = ownPost(user, username, id);
        if (!posts.delete(current.id(), expectedVersion)) {
            throw changedMeanwhile(current.id());
        }
    }

    Page<Post> collection(String username, PageRequest page) {
        UserRef owner = users.requireByUsername(username);
        return Page.of(posts.byAuthor(owner.id(), page.cursor(), page.limit()), page.limit(), Post::id);
    }

    Page<Post> search(String query, PageRequest page) {
        if (query == null || query.isBlank()) {
            throw ApiProblem.invalid("q", "must not be blank");
        }
        UserText.problemWith(query, 200, false).ifPresent(problem -> {
            throw ApiProblem.invalid("q", problem);
        });
        return Page.of(posts.matching(query, page.cursor(), page.limit()), page.limit(), Post::id);
    }

    @Override
    public Page<PostView> byAuthors(Collection<Long> authorIds, PageRequest page) {
        Page<Post> rows = Page.of(posts.byAuthors(authorIds, page.cursor(), page.limit()), page.limit(), Post::id);
        return new Page<>(views(rows.items()), rows.next());
    }

    /** The API's view of these posts, with usernames resolved in one lookup. */
    List<PostView> views(List<Post> rows) {
        Set<Long> ids = new HashSet<>();
        for (Post post : rows) {
            ids.add(post.authorId());
            if (post.referencedId() != null) {
                ids.add(post.referencedId());
            }
        }
        Map<Long, UserRef> names = users.byIds(ids);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        List<PostView> views = new ArrayList<>(rows.size());
        for (Post post : rows) {
            views.add(view(post, names, base));
        }
        return views;
    }

    PostView view(Post post) {
        return views(List.of(post)).get(0);
    }

    private static PostView view(Post post, Map<Long, UserRef> names, String base) {
        String author = names.get(post.authorId()).username();
        UserRef referenced = post.referencedId() == null ? null : names.get(post.referencedId());
        return new PostView(
                base + "/api/v1/users/" + author + "/collection/" + post.id(),
                post.id(),
                post.text(),
                referenced == null ? null : referenced.username(),
                post.createdAt(),
                author,
                post.createdAt(),
                post.editedAt());
    }

    private Post ownPost(UserRef user, String username, long id) {
        Post post = get(username, id);
        if (post.authorId() != user.id()) {
            throw ApiProblem.forbidden("Only its author can change post " + id);
        }
        return post;
    }

    private void checkText(String text) {
        UserText.problemWith(text, properties.maxLength(), false).ifPresent(problem -> {
            throw ApiProblem.invalid("text", problem);
        });
    }

    private UserRef referencedUser(String username) {
        return users.byUsername(username)
                .orElseThrow(() -> ApiProblem.invalid("referenced", "there is no user named '" + username + "'"));
    }

    private static ApiProblem changedMeanwhile(long id) {
        return ApiProblem.preconditionFailed(
                "Post " + id + " was changed since you read it (its ETag no longer matches); read it again and retry");
    }

    /** Which fields an edit sets: absent means unchanged; an empty {@code referenced} clears it. */
    record PostChange(Optional<String> text, Optional<Optional<String>> referenced) {}
}
