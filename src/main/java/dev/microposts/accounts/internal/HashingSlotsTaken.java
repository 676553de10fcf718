package dev.microposts.accounts.internal;

import dev.microposts.refusals.Busy;
import java.time.Duration;

/** Every password hashing slot stayed taken for as long as a caller waits for one; they free up in moments. */
class HashingSlotsTaken extends Busy {

    HashingSlotsTaken() {
        super("Too many logins and sign-ups at once; try again in a few seconds", Duration.ofSeconds(5));
    }
}
