package dev.microposts.web.internal;

import dev.microposts.web.spi.FilterOrder;
import dev.microposts.web.spi.ServiceVersion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * States the build on every response before anything can answer, so refusals (a worker-only process, a body
 * over the limit, a full queue, a draining process) name their release as much as the pages and the API do.
 * Error pages are dispatched again after the answer was begun, so the header is written on those dispatches
 * too, in case the container cleared it on the way.
 */
@Component
@Order(FilterOrder.VERSION_HEADER)
class VersionHeader extends OncePerRequestFilter {

    private final String label;

    VersionHeader(ServiceVersion version) {
        this.label = version.label();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        stamp(response);
        chain.doFilter(request, response);
    }

    @Override
    protected void doFilterNestedErrorDispatch(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        stamp(response);
        chain.doFilter(request, response);
    }

    private void stamp(HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.setHeader(ServiceVersion.HEADER, label);
        }
    }
}
