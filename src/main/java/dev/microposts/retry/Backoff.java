package dev.microposts.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: the wait after the first failure is {@code base}, each further failure doubles it, and
 * no wait is longer than {@code cap}. A short outage is retried soon; a long one is not hammered.
 *
 * <p>{@code new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)).afterFailures(3)} is 8 seconds, and from
 * the ninth failure on every wait is the 5 minutes of the cap.
 *
 * @param base the wait after the first failure; a negative one counts as no wait, as a due time in the past does
 * @param cap the longest wait; a negative one counts as no wait
 */
public record Backoff(Duration base, Duration cap) {

    /**
     * Past a million times the base the wait stops growing even below the cap: no cap in use is that far from
     * its base, and the factor stays a small power of two.
     */
    private static final int MOST_DOUBLINGS = 20;

    public Backoff {
        Objects.requireNonNull(base, "a backoff needs the wait after the first failure");
        Objects.requireNonNull(cap, "a backoff needs its longest wait");
        base = base.isNegative() ? Duration.ZERO : base;
        cap = cap.isNegative() ? Duration.ZERO : cap;
    }

    /**
     * The wait after {@code failures} failures in a row, that is before attempt {@code failures + 1}. Zero or
     * fewer failures wait as one does, so a caller that counts from zero gets the base rather than nothing.
     */
    public Duration afterFailures(int failures) {
        long factor = 1L << Math.min(Math.max(failures, 1) - 1, MOST_DOUBLINGS);
        // why: compared before multiplying, so a base near the largest Duration ends at the cap, not in overflow
        return base.compareTo(cap.dividedBy(factor)) > 0 ? cap : base.multipliedBy(factor);
    }
}
