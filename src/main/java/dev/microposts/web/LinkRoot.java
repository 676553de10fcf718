package dev.microposts.web;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address the request being served came to, as a proxy in front forwarded it: scheme, host, port and context
 * path, with no slash at the end ({@code https://social.example}). Links in answers hang under it.
 *
 * <p>It is worked out once per request and kept with the request: a page of 20 posts carries about a hundred
 * links, and working the address out from the request again for each of them took a sixth of the time of the
 * whole answer.
 */
public final class LinkRoot {

    private static final String ATTRIBUTE = LinkRoot.class.getName();

    private LinkRoot() {}

    /** The root of the current request's address; outside a request, an {@link IllegalStateException}. */
    public static String current() {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        Object known = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (known instanceof String root) {
            return root;
        }
        String root = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        request.setAttribute(ATTRIBUTE, root, RequestAttributes.SCOPE_REQUEST);
        return root;
    }
}
