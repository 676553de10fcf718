package dev.microposts.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one rule for telling the JSON API from the pages by path. Filters, error answers and the security rules
 * all choose between problem+json and a page by it, so they must agree; a second copy of the prefix drifting
 * (a missing slash that lets {@code /apix} pass as API, say) would answer the same request two ways.
 */
public final class ApiPaths {

    /** Where every version of the API lives, unversioned first paths included. */
    public static final String PREFIX = "/api/";

    private ApiPaths() {}

    /** Whether a request path, as the client sent it (no context path here), is one of the API's. */
    public static boolean isApi(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    /** Whether the request is addressed to the API, judged by the path it names now. */
    public static boolean isApi(HttpServletRequest request) {
        return isApi(request.getRequestURI());
    }
}
