package dev.microposts.accounts.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}. A request without the
 * header goes on unauthenticated (public reads still work); one with an unknown, revoked or expired
 * token is refused with 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final AccessTokens tokens;
    private final ProblemEntryPoint entryPoint;

    BearerTokenFilter(AccessTokens tokens, ProblemEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    static Optional<String> tokenFrom(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).trim());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AccessTokens.Holder> holder = tokenFrom(header).flatMap(tokens::authenticate);
        if (holder.isEmpty()) {
            entryPoint.invalidToken(response);
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                holder.get().user(), null, Roles.of(holder.get().admin()));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
