package dev.microposts.web;

import dev.microposts.refusals.LimitReached;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How often one member may do what costs others something: post (each post reaches every follower's
 * timeline), follow (a follow spree is how spam accounts find an audience) and report (each report is a
 * moderator's time). The allowance is a token bucket per member and action in {@link RateLimits}, so it holds
 * across every web process; past it the member gets {@code 429} with {@code Retry-After}. A limit of 0 is
 * none, and then no bucket is read at all.
 */
@Component
public class MemberLimits {

    private final RateLimits buckets;
    private final MemberLimitsProperties properties;

    MemberLimits(RateLimits buckets, MemberLimitsProperties properties) {
        this.buckets = buckets;
        this.properties = properties;
    }

    /** What a member does that is limited, named as the refusal says it. */
    public enum Action {
        POST("posts", "post"),
        FOLLOW("follows", "follow anyone"),
        REPORT("reports", "report anything");

        private final String plural;
        private final String doAgain;

        Action(String plural, String doAgain) {
            this.plural = plural;
            this.doAgain = doAgain;
        }
    }

    /** Counts one {@code action} by {@code memberId}, or refuses it with the time until the member may again. */
    public void admit(Action action, long memberId) {
        MemberLimitsProperties.Limit limit = properties.of(action);
        if (limit.count() == 0) {
            return;
        }
        buckets.take(action.plural + ":member:" + memberId, limit.count(), limit.period())
                .ifPresent(wait -> {
                    long seconds = RateLimits.retryAfterSeconds(wait);
                    throw new LimitReached(
                            "You have reached the limit of " + limit.count() + " " + action.plural + " in "
                                    + readable(limit.period().toSeconds()) + "; you may " + action.doAgain
                                    + " again in " + readable(seconds) + ".",
                            Duration.ofSeconds(seconds));
                });
    }

    /** Seconds as a person would say them: "40 seconds", "3 minutes", "3 hours", "1 day". */
    static String readable(long seconds) {
        if (seconds < 120) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        if (seconds < 2 * 3600) {
            return (seconds + 59) / 60 + " minutes";
        }
        if (seconds < 2 * 86400) {
            return (seconds + 3599) / 3600 + " hours";
        }
        return (seconds + 86399) / 86400 + " days";
    }
}
