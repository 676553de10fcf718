package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session carries the roles its login found, for up to the whole session timeout. Granting or revoking
 * admin happens elsewhere (an admin command, often in another process), so every signed-in page request reads
 * the account again, as the bearer token filter does for the API: a revoked admin is refused on the very next
 * request, and a deleted or suspended account is signed out.
 */
final class CurrentRoles extends OncePerRequestFilter {

    private final Accounts accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    CurrentRoles(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof UserRef user) {
            Optional<Account> account = accounts.byId(user.id());
            if (account.isEmpty() || account.get().suspended()) {
                SecurityContextHolder.clearContext();
                Optional.ofNullable(request.getSession(false)).ifPresent(session -> session.invalidate());
            } else if (!granted(authentication.getAuthorities())
                    .equals(granted(Roles.of(account.get().admin())))) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user, null, Roles.of(account.get().admin())));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }

    private static Set<String> granted(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }
}
