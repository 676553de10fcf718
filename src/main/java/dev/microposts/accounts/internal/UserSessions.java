package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * The page sessions of a user, as stored in PostgreSQL. Processes without the web role have no session
 * repository and nothing to end.
 */
@Component
class UserSessions {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    UserSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
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
