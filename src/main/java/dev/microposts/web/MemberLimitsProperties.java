package dev.microposts.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Each member's allowance per action ({@code microposts.limits.*}); the defaults are in {@code application.yml}.
 *
 * @param posts posts, replies included
 * @param follows follows of anyone new
 * @param reports reports of posts and accounts to the moderators
 */
@Validated
@ConfigurationProperties("microposts.limits")
record MemberLimitsProperties(
        @NotNull @Valid Limit posts,
        @NotNull @Valid Limit follows,
        @NotNull @Valid Limit reports) {

    Limit of(MemberLimits.Action action) {
        return switch (action) {
            case POST -> posts;
            case FOLLOW -> follows;
            case REPORT -> reports;
        };
    }

    /**
     * @param count how many within {@code period}, refilled evenly over it; 0: no limit
     * @param period over which {@code count} are allowed
     */
    record Limit(@Min(0) int count, @NotNull Duration period) {}
}
