package dev.microposts.accounts.internal;

import dev.microposts.refusals.LimitReached;
import dev.microposts.web.ClientAddress;
import dev.microposts.web.RateLimits;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How many accounts one client address may make: a script signing up account after account (for spam, or to
 * burn the hashing slots) is held to a few an hour, while a household behind one address can still join.
 */
@Component
class SignUpThrottle {

    private final RateLimits limits;
    private final AccountsProperties.SignUp signUp;

    SignUpThrottle(RateLimits limits, AccountsProperties properties) {
        this.limits = limits;
        this.signUp = properties.signUp();
    }

    /** Counts a sign-up from {@code clientAddress}, or refuses it with the time until the address may sign up again. */
    void admit(String clientAddress) {
        limits.take("sign-up:" + ClientAddress.limitKey(clientAddress), signUp.perAddress(), signUp.period())
                .ifPresent(wait -> {
                    throw tooMany(wait);
                });
    }

    private static LimitReached tooMany(Duration wait) {
        // why: whole seconds, so the message names the very wait the edge sends as Retry-After
        long seconds = RateLimits.retryAfterSeconds(wait);
        return new LimitReached(
                "Too many sign-ups from your network; try again in " + readable(seconds) + ".",
                Duration.ofSeconds(seconds));
    }

    private static String readable(long seconds) {
        if (seconds < 120) {
            return seconds + " seconds";
        }
        return (seconds + 59) / 60 + " minutes";
    }
}
