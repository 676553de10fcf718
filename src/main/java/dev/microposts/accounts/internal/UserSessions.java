package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * The page sessions of a user, as stored in PostgreSQL. Processes without the web role have no session
 * repository, but {@link #endAll} reaches the table itself.
 */
@Component
class UserSessions {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    private final JdbcClient jdbc;

    UserSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, JdbcClient jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    /**
     * Ends every session of the user, from any process: the table is read directly, since an admin command (no
     * web role) has no session repository. A session's attributes go with it (on delete cascade).
     */
    void endAll(UserRef user) {
        jdbc.sql("delete from spring_session where principal_name = ?")
                .param(principalName(user))
                .update();
    }

    /** Ends every session of the user except {@code kept}, which may be null to end them all. */
    void endAllBut(UserRef user, String kept) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository == null) {
            return;
        }
        repository.findByPrincipalName(principalName(user)).keySet().stream()
                .filter(id -> !Objects.equals(id, kept))
                .forEach(repository::deleteById);
    }

    /**
     * The name the session store indexes a session under: that of the authentication the login stores, whose
     * principal is the user reference.
     */
    private static String principalName(UserRef user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())
                .getName();
    }
}
