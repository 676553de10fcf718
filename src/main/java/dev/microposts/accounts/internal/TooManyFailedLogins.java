package dev.microposts.accounts.internal;

import dev.microposts.refusals.LimitReached;
import java.time.Duration;

/**
 * A name or an address has guessed wrong too often. The wait is rounded up to whole seconds once, here, so the
 * message and the {@code Retry-After} the edge derives from it name the same number.
 */
class TooManyFailedLogins extends LimitReached {

    TooManyFailedLogins(Duration wait) {
        this(wholeSeconds(wait));
    }

    private TooManyFailedLogins(long seconds) {
        super("Too many failed logins; try again in " + seconds + " seconds", Duration.ofSeconds(seconds));
    }

    static long wholeSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
    }
}
