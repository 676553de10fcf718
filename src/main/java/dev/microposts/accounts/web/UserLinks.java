package dev.microposts.accounts.web;

import dev.microposts.web.LinkRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Where the API serves a person's profile, and the resources under it. The one place that knows that path, so a
 * profile, a follow list, a post and a notification all link to someone the same way.
 */
@Component
public class UserLinks {

    /** A person's profile; the resources of other modules about them hang under it. */
    public static final String PROFILE = "/api/v1/users/{username}";

    private static final String PROFILE_PREFIX = PROFILE.substring(0, PROFILE.indexOf('{'));

    private final Supplier<String> root;

    /** Links under the address the current request came to, as a proxy in front forwarded it. */
    UserLinks() {
        this(LinkRoot::current);
    }

    /** Links under a fixed root ({@code https://social.example}), for uses outside a request (and tests). */
    public UserLinks(Supplier<String> root) {
        this.root = root;
    }

    /** Someone's profile. */
    public String user(String username) {
        return link(username, "");
    }

    public URI userUri(String username) {
        return URI.create(user(username));
    }

    /** A resource under someone's profile, such as {@code /collection}. */
    public URI under(String username, String subPath) {
        return URI.create(link(username, subPath));
    }

    private String link(String username, String subPath) {
        return link(root.get(), username, subPath);
    }

    /**
     * The address of a resource under someone's profile, such as {@code /collection/42}, under {@code root}: for
     * links built many at a time, with the root worked out once.
     */
    public static String link(String root, String username, String subPath) {
        return root + PROFILE_PREFIX + UriUtils.encodePath(username, StandardCharsets.UTF_8) + subPath;
    }
}
