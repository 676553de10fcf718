package dev.microposts.accounts.internal;

import dev.microposts.accounts.UserRef;
import java.time.Instant;

/** A registered user as the accounts module stores it. */
record Account(
        long id,
        String username,
        String displayName,
        String bio,
        String passwordHash,
        Instant createdAt,
        Instant updatedAt,
        boolean admin,
        boolean suspended) {

    UserRef ref() {
        return new UserRef(id, username);
    }
}
