package dev.microposts.accounts.web;

import java.net.URI;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the API serves a person's profile, and the resources under it. The one place that knows that path, so a
 * profile, a follow list, a post and a notification all link to someone the same way.
 */
@Component
public class UserLinks {

    /** A person's profile; the resources of other modules about them hang under it. */
    public static final String PROFILE = "/api/v1/users/{username}";

    private final Supplier<UriComponentsBuilder> root;

    /** Links under the address the current request came to, as a proxy in front forwarded it. */
    UserLinks() {
        this(ServletUriComponentsBuilder::fromCurrentContextPath);
    }

    /** Links under a fixed root, for uses outside a request (and tests). */
    public UserLinks(Supplier<UriComponentsBuilder> root) {
        this.root = root;
    }

    /** Someone's profile. */
    public String user(String username) {
        return userUri(username).toString();
    }

    public URI userUri(String username) {
        return under(username, "");
    }

    /** A resource under someone's profile, such as {@code /collection}. */
    public URI under(String username, String subPath) {
        return root.get()
                .path(PROFILE + subPath)
                .buildAndExpand(username)
                .encode()
                .toUri();
    }
}
