package dev.microposts.web.internal;

import dev.microposts.web.ApiPaths;
import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the unversioned paths of the first API ({@code /api/users/...}) as the current version
 * ({@code /api/v1/users/...}), so clients written before the API had versions keep working. What comes after
 * this filter in {@link FilterOrder} (the security rules, the controllers) sees only
 * versioned paths; what comes before it must not rely on the version.
 */
@Component
@Order(FilterOrder.UNVERSIONED_API_PATHS)
class UnversionedApiPaths extends OncePerRequestFilter {

    static final String CURRENT = "/api/v1/";
    private static final Pattern VERSIONED = Pattern.compile("^/api/v\\d+/.*");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !ApiPaths.isApi(uri)
                || uri.startsWith(CURRENT)
                || VERSIONED.matcher(uri).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String versioned = CURRENT + request.getRequestURI().substring(ApiPaths.PREFIX.length());
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRequestURI() {
                        return versioned;
                    }

                    @Override
                    public StringBuffer getRequestURL() {
                        StringBuffer url = super.getRequestURL();
                        int path = url.indexOf(ApiPaths.PREFIX);
                        return new StringBuffer(url.substring(0, path)).append(versioned);
                    }

                    @Override
                    public String getServletPath() {
                        return versioned;
                    }
                },
                response);
    }
}
