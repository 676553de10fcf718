package dev.microposts.web.internal;

import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiPaths;
import dev.microposts.web.ProblemResponses;
import dev.microposts.web.spi.BodyLimits;
import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every API request meets. It refuses bodies over the limit (by their declared length
 * before reading, or while streaming them) at the limit a module declared for the route (an upload's, say) or
 * else the API's, and turns any failure that escapes the filters behind it (authentication needing the
 * database, say) into a problem response instead of a stack trace.
 */
@Component
@Order(FilterOrder.API_REQUEST_GUARD)
class ApiRequestGuard extends OncePerRequestFilter {

    private final ApiLimits limits;
    private final FailureTriage triage;
    private final DeclaredRoutes routes;

    ApiRequestGuard(ApiLimits limits, FailureTriage triage, DeclaredRoutes routes) {
        this.limits = limits;
        this.triage = triage;
        this.routes = routes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = routes.of(request).maxBodySize().orElseGet(() -> limits.maxBodySize()
                .toBytes());
        if (request.getContentLengthLong() > max) {
            ProblemResponses.write(response, BodyLimits.tooLarge(max));
            return;
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        try {
            chain.doFilter(hasBody ? BodyLimits.limit(request, max) : request, response);
        } catch (Exception e) {
            FailureTriage.Failure failure = triage.triage(e, request);
            failure.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            ProblemResponses.write(response, failure.problem());
        }
    }
}
