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

    private final Supplier<String> root;

    /** Links under the address the current request came to, as a proxy in front forwarded it. */
    @Autowired
    public PostLinks() {
        this(LinkRoot::current);
    }

    /** Links under a fixed root ({@code https://social.example}), for uses outside a request (and tests). */
    public PostLinks(Supplier<String> root) {
        this.root = root;
    }

    /** The API's view of a post, linked to where it is served. */
    public PostView view(VisiblePost post) {
        return view(post, root.get());
    }

    /** The API's views of posts; the root of the links is worked out once for all of them. */
    public List<PostView> views(List<VisiblePost> posts) {
        String base = root.get();
        return posts.stream().map(post -> view(post, base)).toList();
    }

    private static PostView view(VisiblePost post, String base) {
        String inReplyTo = post.inReplyToId() == null || post.inReplyToUser() == null
                ? null
                : post(base, post.inReplyToUser(), post.inReplyToId());
        return PostView.of(
                post(base, post.user(), post.id()),
                inReplyTo,
                post,
                post.mentions().stream()
                        .map(name -> new PostView.Mention(name, UserLinks.link(base, name, "")))
                        .toList(),
                post.tags().stream()
                        .map(tag -> new PostView.Tag(tag, tag(base, tag)))
                        .toList());
    }

    /** A post in its author's collection. */
    public String post(String author, long id) {
        return post(root.get(), author, id);
    }

    /** Someone's profile. */
    public String user(String username) {
        return UserLinks.link(root.get(), username, "");
    }

    /** The posts carrying a hashtag (normalized). */
    public String tag(String tag) {
        return tag(root.get(), tag);
    }

    private static String post(String base, String author, long id) {
        return UserLinks.link(base, author, "/collection/" + id);
    }

    private static String tag(String base, String tag) {
        return base + TAG_PREFIX + UriUtils.encodePath(tag, StandardCharsets.UTF_8) + TAG_SUFFIX;
    }
}
