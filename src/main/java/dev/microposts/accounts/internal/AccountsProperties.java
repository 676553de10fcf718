package dev.microposts.accounts.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How accounts and logins behave.
 *
 * @param tokenLifetime how long an API bearer token stays valid
 * @param throttle limits on failed logins
 * @param signUp limits on new accounts
 */
@Validated
@ConfigurationProperties("microposts.accounts")
record AccountsProperties(
        Duration tokenLifetime, Throttle throttle, @Valid SignUp signUp) {

    AccountsProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(30) : tokenLifetime;
        throttle = throttle == null ? new Throttle(null, 5, 20, 100) : throttle;
        signUp = signUp == null ? new SignUp(null, null, null) : signUp;
    }

    /**
     * Limits on sign-ups, which need no account and each cost a password hash.
     *
     * @param perAddress sign-ups allowed from one client address (an IPv6 /64) within {@code period}
     * @param period over which {@code perAddress} sign-ups are allowed, refilled evenly
     * @param hashingShare the share of the password hashing slots sign-ups may hold at once; the rest stay
     *     free for logins
     */
    record SignUp(
            @Min(1) Integer perAddress,
            Duration period,
            @DecimalMin("0.01") @DecimalMax("1.0") Double hashingShare) {
        SignUp {
            perAddress = perAddress == null ? 5 : perAddress;
            period = period == null ? Duration.ofHours(1) : period;
            hashingShare = hashingShare == null ? 0.5 : hashingShare;
        }
    }

    /**
     * Failed-login limits within a sliding window.
     *
     * @param window how far back failures count
     * @param perAccountAndAddress failures allowed for one account from one address
     * @param perAccount failures allowed for one account from all addresses; it never throttles an
     *     address the account has already logged in from, so an attacker cannot lock the owner out
     * @param perAddress failures allowed from one address across all accounts (password spraying)
     */
    record Throttle(
            Duration window,
            @Min(1) int perAccountAndAddress,
            @Min(1) int perAccount,
            @Min(1) int perAddress) {
        Throttle {
            window = window == null ? Duration.ofMinutes(15) : window;
        }
    }
}
