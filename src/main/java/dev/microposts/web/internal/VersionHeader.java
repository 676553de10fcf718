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
 * Written before the chain runs, it survives what comes after: error answers reset a response's body, never its
 * headers, and a stream's later dispatches add to the same response.
 */
@Component
@Order(FilterOrder.VERSION_HEADER)
class VersionHeader extends OncePerRequestFilter {

    private final String label;

    VersionHeader(ServiceVersion version) {
        this.label = version.label();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(ServiceVersion.HEADER, label);
        chain.doFilter(request, response);
    }
}
