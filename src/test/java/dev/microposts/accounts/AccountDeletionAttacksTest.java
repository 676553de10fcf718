package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account asks for its password, so a stolen token cannot delete it, nor be used to guess the password:
 * wrong passwords count towards the failed-login throttle, and past its limit even the right one waits.
 */
class AccountDeletionAttacksTest extends ApiTest {

    @Test
    void wrongPasswordsAreThrottledLikeFailedLogins() {
        Api.User victim = api.newUser("victim");
        for (int guess = 0; guess < 5; guess++) {
            Api.Response wrong = api.send(deleteMe(victim.token(), "guess-number-" + guess));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(403);
        }

        Api.Response throttled = api.send(deleteMe(victim.token(), Api.STRONG_PASSWORD));

        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertThat(api.get("/api/v1/me", victim.token()).status())
                .as("the account is still there")
                .isEqualTo(200);
    }

    private HttpRequest.Builder deleteMe(String token, String password) {
        return api.request("/api/v1/me", token)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}"));
    }
}
