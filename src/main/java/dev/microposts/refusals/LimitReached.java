package dev.microposts.refusals;

import java.time.Duration;
import java.util.List;

/** The one who asked has used up an allowance (logins, sign-ups, uploads) and may ask again after a while. */
public class LimitReached extends Refusal {

    public LimitReached(String message, Duration retryAfter) {
        super(Reason.LIMIT_REACHED, message, List.of(), retryAfter);
    }
}
