package dev.microposts.posts.web;

import dev.microposts.accounts.web.UserLinks;
import dev.microposts.posts.VisiblePost;
import dev.microposts.web.LinkRoot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Where the API serves posts, the people who write them and the hashtags they carry. It is the one place that
 * knows these paths, so the collection, the timeline, search and notifications all link to a post the same way,
 * and the services that read posts never need to know which request, host or proxy they are answering.
 */
@Component
public class PostLinks {

    /** The posts carrying one hashtag. */
    public static final String TAG = "/api/v1/tags/{tag}/posts";

    private static final String TAG_PREFIX = TAG.substring(0, TAG.indexOf('{'));
    private static final String TAG_SUFFIX = TAG.substring(TAG.indexOf('}') + 1);

    private final UserLinks users;
    private final Supplier<String> root;

    /** Posts hang under their author's profile, wherever the accounts module serves it. */
    @Autowired
    public PostLinks(UserLinks users) {
        this(users, LinkRoot::current);
    }

    /** Tags under a fixed root ({@code https://social.example}), for uses outside a request (and tests). */
    public PostLinks(UserLinks users, Supplier<String> root) {
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
        return users.link(author, "/collection/" + id);
    }

    /** Someone's profile. */
    public String user(String username) {
        return users.user(username);
    }

    /** The posts carrying a hashtag (normalized). */
    public String tag(String tag) {
        return root.get() + TAG_PREFIX + UriUtils.encodePath(tag, StandardCharsets.UTF_8) + TAG_SUFFIX;
    }
}
