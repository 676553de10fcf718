package dev.microposts.web.internal;

import dev.microposts.web.ApiPaths;
import dev.microposts.web.spi.RouteTraits;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The traits the modules declare for their routes, gathered for the edge's filters and error answers. A
 * request's traits are worked out once, the first time anything asks, and kept on the request: the answers
 * must stay those of the path the client sent, while later on the path is rewritten (unversioned API paths)
 * or replaced by the error path when the container forwards a failure.
 */
@Component
class DeclaredRoutes {

    private static final String TRAITS = DeclaredRoutes.class.getName() + ".traits";

    private final List<RouteTraits> declared;

    DeclaredRoutes(ObjectProvider<RouteTraits> declared) {
        this.declared = declared.orderedStream().toList();
    }

    /** What the modules declared about this request, as one answer. */
    Route of(HttpServletRequest request) {
        if (request.getAttribute(TRAITS) instanceof Route known) {
            return known;
        }
        Route route = Route.of(declared, request);
        request.setAttribute(TRAITS, route);
        return route;
    }

    /**
     * Whether the request's failures are answered as problem+json rather than as the error page: those of the
     * API, and those of the page routes the pages' scripts call.
     */
    boolean answersWithProblems(HttpServletRequest request) {
        return ApiPaths.isApi(request) || of(request).answersScripts();
    }

    /**
     * The traits of one request: a transfer if any module says so, the body limit of the first module that sets
     * one, answered for scripts if any module says so.
     */
    record Route(boolean transfer, OptionalLong maxBodySize, boolean answersScripts) {

        static Route of(List<RouteTraits> declared, HttpServletRequest request) {
            boolean transfer = false;
            OptionalLong maxBodySize = OptionalLong.empty();
            boolean answersScripts = false;
            for (RouteTraits traits : declared) {
                transfer |= traits.isTransfer(request);
                answersScripts |= traits.answersScripts(request);
                if (maxBodySize.isEmpty()) {
                    maxBodySize = traits.maxBodySize(request);
                }
            }
            return new Route(transfer, maxBodySize, answersScripts);
        }
    }
}
