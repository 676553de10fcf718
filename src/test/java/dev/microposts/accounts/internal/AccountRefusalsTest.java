package dev.microposts.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.accounts.UserNotFound;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.ApiProblem;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class AccountRefusalsTest {

    @Test
    @DisplayName("Too many failed logins names, in its message, the whole seconds the client is told to wait")
    void failedLoginsWaitIsRoundedUpOnceForMessageAndHeader() {
        TooManyFailedLogins partial = new TooManyFailedLogins(Duration.ofMillis(2_300));
        assertThat(partial.getMessage()).isEqualTo("Too many failed logins; try again in 3 seconds");
        assertThat(partial.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(ApiProblem.from(partial).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("3");
        assertThat(ApiProblem.from(partial).getStatusCode().value()).isEqualTo(429);

        assertThat(new TooManyFailedLogins(Duration.ofSeconds(4)).getMessage()).endsWith("in 4 seconds");
        assertThat(new TooManyFailedLogins(Duration.ofMillis(10)).getMessage()).endsWith("in 1 seconds");
        assertThat(new TooManyFailedLogins(Duration.ZERO).retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("All hashing slots taken is a 503 with five seconds to wait, whoever asked")
    void hashingSlotsTakenIsBusyForFiveSeconds() {
        HashingSlotsTaken busy = new HashingSlotsTaken();
        assertThat(busy.reason()).isEqualTo(Refusal.Reason.BUSY);
        ApiProblem answer = ApiProblem.from(busy);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getDetail())
                .isEqualTo("Too many logins and sign-ups at once; try again in a few seconds");
    }

    @Test
    @DisplayName("A taken username and an unknown user are told apart as conflict and not found, naming the user")
    void takenAndUnknownNames() {
        assertThat(ApiProblem.from(new UsernameTaken("zoe")).getStatusCode().value())
                .isEqualTo(409);
        assertThat(new UsernameTaken("zoe").getMessage()).isEqualTo("The username 'zoe' is already taken");
        assertThat(ApiProblem.from(new UserNotFound("zoe")).getStatusCode().value())
                .isEqualTo(404);
        assertThat(new UserNotFound("zoe").getMessage()).isEqualTo("There is no user named 'zoe'");
    }
}
