package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.PrincipalUsernames;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the web module who a request is signed in as: the token and the page session both carry a UserRef. */
@Component
class UserRefUsernames implements PrincipalUsernames {

    @Override
    public Optional<String> usernameOf(Object principal) {
        return principal instanceof UserRef user ? Optional.of(user.username()) : Optional.empty();
    }
}
