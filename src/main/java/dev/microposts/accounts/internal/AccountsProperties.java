package dev.microposts.accounts.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How accounts and logins behave.
 *
 * @param tokenLifetime how long an API bearer token stays valid
 * @param throttle limits on failed logins
 */
@Validated
@ConfigurationProperties("microposts.accounts")
record AccountsProperties(Duration tokenLifetime, Throttle throttle) {

    AccountsProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(30) : tokenLifetime;
        throttle = throttle == null ? new Throttle(null, 5, 20, 100) : throttle;
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
