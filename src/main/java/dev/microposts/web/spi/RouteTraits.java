package dev.microposts.web.spi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.OptionalLong;

/**
 * What a module tells the edge about the routes it owns that are not like the others. A module registers one
 * bean implementing this; the edge asks every such bean once per request, before its own filters decide, so a
 * module never needs to know which filter applies what or in which order.
 *
 * <p>Each answer is about the request as its client sent it (its own path, not a rewritten one). The defaults
 * describe an ordinary route, so a module implements only what is special about its own.
 */
public interface RouteTraits {

    /**
     * Whether the request moves a file's bytes at the pace of the network (an upload, a download). The edge lets
     * such a request pass its concurrency limit without a permit, since it would hold one for as long as the
     * client's connection takes while using almost no CPU; the owning module bounds such transfers itself.
     */
    default boolean isTransfer(HttpServletRequest request) {
        return false;
    }

    /**
     * The largest body the route takes, in bytes, when it takes more than the API's usual limit
     * ({@code microposts.api.max-body-size}); empty for the usual limit.
     */
    default OptionalLong maxBodySize(HttpServletRequest request) {
        return OptionalLong.empty();
    }

    /**
     * Whether a page route is called by the pages' scripts rather than followed by a browser, so that its
     * failures are answered as problem+json, as the API's are, instead of as the error page.
     */
    default boolean answersScripts(HttpServletRequest request) {
        return false;
    }
}
