package dev.microposts.web.internal;

import dev.microposts.web.PageController;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's template may use: {@code me}, the signed-in user's principal (or null), {@code admin}, and
 * date formats.
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @ModelAttribute("me")
    Object me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        return signedIn ? authentication.getPrincipal() : null;
    }

    /** Whether the signed-in user is an admin, for the link to the operations dashboard. */
    @ModelAttribute("admin")
    boolean admin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
    }

    @ModelAttribute("dates")
    Dates dates() {
        return Dates.INSTANCE;
    }

    /** Formats instants for people: {@code 21 Nov 2026, 17:49 UTC}. */
    public static final class Dates {
        static final Dates INSTANCE = new Dates();

        public String format(Instant instant) {
            return instant == null ? "" : SHORT.format(instant);
        }
    }
}
