package dev.microposts.posts.web;

import dev.microposts.posts.VisiblePost;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the API serves posts and the people who write them. It is the one place that knows these paths, so the
 * collection, the timeline, search and notifications all link to a post the same way, and the services that
 * read posts never need to know which request, host or proxy they are answering.
 */
@Component
public class PostLinks {

    private static final String USER = "/api/v1/users/{username}";
    private static final String POST = USER + "/collection/{id}";

    private final Supplier<UriComponentsBuilder> root;

    /** Links under the address the current request came to, as a proxy in front forwarded it. */
    PostLinks() {
        this(ServletUriComponentsBuilder::fromCurrentContextPath);
    }

    /** Links under a fixed root, for uses outside a request. */
    PostLinks(Supplier<UriComponentsBuilder> root) {
        this.root = root;
    }

    /** The API's view of a post, linked to where it is served. */
    public PostView view(VisiblePost post) {
        return PostView.of(post(post.user(), post.id()), post);
    }

    public List<PostView> views(List<VisiblePost> posts) {
        return posts.stream().map(this::view).toList();
    }

    /** A post in its author's collection. */
    public String post(String author, long id) {
        return root.get().path(POST).buildAndExpand(author, id).encode().toUriString();
    }

    /** Someone's profile. */
    public String user(String username) {
        return root.get().path(USER).buildAndExpand(username).encode().toUriString();
    }
}
