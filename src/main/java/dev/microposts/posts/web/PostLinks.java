package dev.microposts.posts.web;

import dev.microposts.accounts.web.UserLinks;
import dev.microposts.posts.VisiblePost;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where the API serves posts and the people who write them. It is the one place that knows these paths, so the
 * collection, the timeline, search and notifications all link to a post the same way, and the services that
 * read posts never need to know which request, host or proxy they are answering.
 */
@Component
public class PostLinks {

    private final UserLinks users;

    /** Posts hang under their author's profile, wherever the accounts module serves it. */
    public PostLinks(UserLinks users) {
        this.users = users;
    }

    /** The API's view of a post, linked to where it is served. */
    public PostView view(VisiblePost post) {
        String inReplyTo = post.inReplyToId() == null || post.inReplyToUser() == null
                ? null
                : post(post.inReplyToUser(), post.inReplyToId());
        return PostView.of(post(post.user(), post.id()), inReplyTo, post);
    }

    public List<PostView> views(List<VisiblePost> posts) {
        return posts.stream().map(this::view).toList();
    }

    /** A post in its author's collection. */
    public String post(String author, long id) {
        return users.under(author, "/collection/" + id).toString();
    }

    /** Someone's profile. */
    public String user(String username) {
        return users.user(username);
    }
}
