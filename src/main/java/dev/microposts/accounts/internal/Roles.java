package dev.microposts.accounts.internal;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The two roles: every signed-in user, and the operators who may use the ops endpoints and pages. */
final class Roles {

    static final String ADMIN = "ADMIN";

    private static final List<GrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));
    private static final List<GrantedAuthority> USER_AND_ADMIN =
            List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_" + ADMIN));

    private Roles() {}

    static List<GrantedAuthority> of(boolean admin) {
        return admin ? USER_AND_ADMIN : USER;
    }
}
