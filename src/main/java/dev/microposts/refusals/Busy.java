package dev.microposts.refusals;

import java.time.Duration;
import java.util.List;

/** The service cannot take more of this right now, whoever asks; asking again after a while can succeed. */
public class Busy extends Refusal {

    public Busy(String message, Duration retryAfter) {
        super(Reason.BUSY, message, List.of(), retryAfter);
    }
}
