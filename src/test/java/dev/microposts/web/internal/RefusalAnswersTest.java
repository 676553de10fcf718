package dev.microposts.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.refusals.Busy;
import dev.microposts.refusals.ChangedMeanwhile;
import dev.microposts.refusals.Conflict;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.LimitReached;
import dev.microposts.refusals.NoSpace;
import dev.microposts.refusals.NotAllowed;
import dev.microposts.refusals.NotFound;
import dev.microposts.refusals.NotSignedIn;
import dev.microposts.refusals.Refusal;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.FormErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;

/** A module's refusal becomes the same problem, form message and page status wherever it surfaces. */
class RefusalAnswersTest {

    @Test
    void eachReasonHasItsStatus() {
        Map<Refusal, Integer> expected = Map.of(
                new NotFound("no post 7"),
                404,
                new NotAllowed("not yours"),
                403,
                new Conflict("taken"),
                409,
                InvalidInput.of("text", "must not be blank"),
                400,
                new NotSignedIn("wrong password"),
                401,
                new ChangedMeanwhile("edited since"),
                412,
                new LimitReached("too many", Duration.ofSeconds(3)),
                429,
                new Busy("busy", Duration.ofSeconds(5)),
                503,
                new NoSpace("disk full"),
                507);

        expected.forEach((refusal, status) -> {
            ApiProblem problem = ApiProblem.from(refusal);
            assertThat(problem.getStatusCode().value())
                    .as(refusal.reason().name())
                    .isEqualTo(status);
            assertThat(problem.getBody().getDetail()).isEqualTo(refusal.getMessage());
        });
        assertThat(expected.keySet()).extracting(Refusal::reason).containsExactlyInAnyOrder(Refusal.Reason.values());
    }

    @Test
    void invalidFieldsAreListedAsTheApiListsThem() {
        ApiProblem problem = ApiProblem.from(new InvalidInput(
                List.of(new Refusal.Field("username", "is taken"), new Refusal.Field("password", "is too short"))));

        assertThat(problem.getBody().getDetail()).isEqualTo("The request has 2 invalid fields");
        assertThat(problem.getBody().getType()).hasToString("/problems/validation");
        assertThat(problem.getBody().getProperties().get("errors"))
                .isEqualTo(List.of(
                        Map.of("field", "username", "message", "is taken"),
                        Map.of("field", "password", "message", "is too short")));
        assertThat(FormErrors.of(InvalidInput.of("bio", "is too long")))
                .containsExactly(Map.entry("bio", "is too long"));
    }

    @Test
    void aWaitIsRoundedUpToWholeSecondsInTheHeaderAndTheBody() {
        ApiProblem problem = ApiProblem.from(new LimitReached("slow down", Duration.ofMillis(2_100)));

        assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(problem.getBody().getProperties()).containsEntry("retry_after", 3L);
        assertThat(ApiProblem.from(new NotFound("gone")).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isNull();
    }

    @Test
    void aRefusalWrappedOnItsWayOutIsStillTheClientsAnswer() {
        FailureTriage triage = new FailureTriage(new ApiLimits(DataSize.ofKilobytes(64), 20, 100, 7));

        FailureTriage.Failure failure =
                triage.triage(new IllegalStateException("while rendering", new NotAllowed("not yours")));

        assertThat(failure.status().value()).isEqualTo(403);
        assertThat(failure.problem().getDetail()).isEqualTo("not yours");
    }

    @Test
    void anInputWithoutFieldsIsABug() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new InvalidInput(List.of()));
    }
}
