package dev.microposts.posts.web;

import dev.microposts.accounts.web.UserLinks;
import dev.microposts.posts.VisiblePost;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the API serves posts, the people who write them and the hashtags they carry. It is the one place that
 * knows these paths, so the collection, the timeline, search and notifications all link to a post the same way,
 * and the services that read posts never need to know which request, host or proxy they are answering.
 */
@Component
public class PostLinks {

    /** The posts carrying one hashtag. */
    public static final String TAG = "/api/v1/tags/{tag}/posts";

    private final UserLinks users;
    private final Supplier<UriComponentsBuilder> root;

    /** Posts hang under their author's profile, wherever the accounts module serves it. */
    @Autowired
    public PostLinks(UserLinks users) {
        this(users, ServletUriComponentsBuilder::fromCurrentContextPath);
    }

    /** Tags under a fixed root, for uses outside a request (and tests). */
    public PostLinks(UserLinks users, Supplier<UriComponentsBuilder> root) {
        this.users = users;
        this.root = root;
    }

    /** The API's view of a post, linked to where it is served. */
    public PostView view(VisiblePost post) {
        String inReplyTo = post.inReplyToId() == null || post.inReplyToUser() == null
                ? null
                : post(post.inReplyToUser(), post.inReplyToId());
        return PostView.of(
                post(post.user(), post.id()),
                inReplyTo,
                post,
                post.mentions().stream()
                        .map(name -> new PostView.Mention(name, user(name)))
                        .toList(),
                post.tags().stream().map(tag -> new PostView.Tag(tag, tag(tag))).toList());
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

    /** The posts carrying a hashtag (normalized). */
    public String tag(String tag) {
        return root.get().path(TAG).buildAndExpand(tag).encode().toUriString();
    }
}
