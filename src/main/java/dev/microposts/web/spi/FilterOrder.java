package dev.microposts.web.spi;

import org.springframework.core.Ordered;

/**
 * Where each of the application's servlet filters stands in the chain, first to last, the modules' own and the
 * edge's alike. The order matters because the filters hand each other wrapped requests, and because some must
 * answer before anything reads a request's body. What a module's filter knows about its routes it does not
 * hand to the edge's filters on the request: it declares it once as {@link RouteTraits}, which the edge's
 * filters ask wherever they stand. Spring Boot's own filters keep their places: character
 * encoding first, Spring Session at {@code HIGHEST_PRECEDENCE + 50}, Spring Security at {@code -100}.
 *
 * <ol>
 *   <li>{@link #VERSION_HEADER}: every response states the build that answered it, the refusals of the filters
 *       behind it included, so it comes before any filter that can answer early; it reads nothing of the request.
 *   <li>{@link #WORKER_ONLY_SITE}: a process without the web role refuses everything but its actuator before
 *       sessions, security or the database are touched, so nothing but the version header may run before it.
 *   <li>{@link #MEDIA_TRANSFERS}: uploads and downloads take a transfer slot and get the media size limit
 *       before any other filter can read a byte of their body, and one past the media limit is
 *       refused unread; the guard and the concurrency limit behind it learn the same routes' limit and their being
 *       transfers from the media module's {@link RouteTraits}.
 *   <li>{@link #MALFORMED_PARAMETERS}: refuses an unreadable query string or form body before anything
 *       behind it asks for a parameter and fails with a 500.
 *   <li>{@link #API_REQUEST_GUARD}: applies the body limit a module declared for the route, or the API's, and turns every
 *       failure of the filters and controllers behind it into a problem response.
 *   <li>{@link #REQUEST_CONCURRENCY_LIMIT}: queues the CPU-bound requests (a declared transfer passes); it
 *       needs nothing of the path rewrite behind it, and a request refused here is logged with the path its
 *       client sent.
 *   <li>{@link #UNVERSIONED_API_PATHS}: rewrites the first API's unversioned paths to the current version; it
 *       must come before Spring Security and the controllers, which know only the versioned paths.
 *   <li>{@link #UPLOAD_GATE}: decides about an upload after Spring Session has loaded the session (it needs
 *       to know who is signed in) and before Spring Security, whose CSRF check would read the whole body.
 *   <li>{@link #REQUEST_METHOD_CACHE}: the last filter, so that it caches the method above every wrapper the
 *       others added.
 * </ol>
 */
public final class FilterOrder {

    public static final int VERSION_HEADER = Ordered.HIGHEST_PRECEDENCE + 1;
    public static final int WORKER_ONLY_SITE = Ordered.HIGHEST_PRECEDENCE + 2;
    public static final int MEDIA_TRANSFERS = Ordered.HIGHEST_PRECEDENCE + 5;
    public static final int MALFORMED_PARAMETERS = Ordered.HIGHEST_PRECEDENCE + 6;
    public static final int API_REQUEST_GUARD = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int REQUEST_CONCURRENCY_LIMIT = Ordered.HIGHEST_PRECEDENCE + 20;
    public static final int UNVERSIONED_API_PATHS = Ordered.HIGHEST_PRECEDENCE + 21;
    public static final int UPLOAD_GATE = Ordered.HIGHEST_PRECEDENCE + 60;
    public static final int REQUEST_METHOD_CACHE = Ordered.LOWEST_PRECEDENCE;

    private FilterOrder() {}
}
