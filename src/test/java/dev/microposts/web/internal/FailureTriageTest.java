package dev.microposts.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.spi.BodyTooLargeException;
import jakarta.jms.JMSException;
import jakarta.servlet.ServletException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;

/** The outcome of a failure is decided by what is anywhere in its chain of causes, however it is wrapped. */
@ExtendWith(OutputCaptureExtension.class)
class FailureTriageTest {

    private final FailureTriage triage = new FailureTriage(new ApiLimits(DataSize.ofKilobytes(64), 20, 100, 7));

    @Test
    void aBrokerFailureWrappedByTheLayersAboveIsTheBrokerBeingUnavailable() {
        FailureTriage.Failure failure = triage.triage(new ServletException(
                "Request processing failed",
                new IllegalStateException("not sent", new UncategorizedJmsException("broker down"))));

        assertThat(failure).isEqualTo(new FailureTriage.Unavailable("broker", 7));
        assertThat(failure.status().value()).isEqualTo(503);
        assertThat(failure.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(failure.problem().getStatus()).isEqualTo(503);
    }

    @Test
    void theJmsClientsOwnExceptionIsTheBrokerToo() {
        assertThat(triage.triage(new IllegalStateException(new JMSException("connection lost"))))
                .isEqualTo(new FailureTriage.Unavailable("broker", 7));
    }

    @Test
    void aPoolThatGivesNoConnectionIsTheDatabaseBeingUnavailable() {
        FailureTriage.Failure failure = triage.triage(new ServletException(new CannotCreateTransactionException(
                "no connection", new SQLTransientConnectionException("timed out after 3000ms"))));

        assertThat(failure).isEqualTo(new FailureTriage.Unavailable("database", 7));
    }

    @Test
    void transientAndResourceFailuresOfDataAccessAreTheDatabase() {
        assertThat(triage.triage(new DataAccessResourceFailureException("refused")))
                .isEqualTo(new FailureTriage.Unavailable("database", 7));
        assertThat(triage.triage(new RuntimeException(new QueryTimeoutException("slow"))))
                .isEqualTo(new FailureTriage.Unavailable("database", 7));
    }

    @Test
    void theFirstUnavailableServiceInTheChainIsTheOneNamed() {
        assertThat(triage.triage(new UncategorizedJmsException(
                        "outbox not read", new DataAccessResourceFailureException("refused"))))
                .isEqualTo(new FailureTriage.Unavailable("broker", 7));
    }

    @Test
    void aBodyOverItsLimitDeepInTheChainIs413WithThatLimit() {
        FailureTriage.Failure failure = triage.triage(
                new ServletException(new IllegalStateException("unreadable", new BodyTooLargeException(1234))));

        assertThat(failure).isEqualTo(new FailureTriage.TooLarge(1234));
        assertThat(failure.status().value()).isEqualTo(413);
        assertThat(failure.problem().getDetail()).contains("1234 bytes");
        assertThat(failure.headers().isEmpty()).isTrue();
    }

    @Test
    void aClientsErrorKeepsItsStatusAndBodyEvenWhenWrapped() {
        ApiProblem notFound = ApiProblem.notFound("No user named 'zoe'");

        FailureTriage.Failure direct = triage.triage(notFound);
        FailureTriage.Failure wrapped = triage.triage(new ServletException(notFound));

        assertThat(direct).isEqualTo(new FailureTriage.ClientError(notFound));
        assertThat(wrapped).isEqualTo(direct);
        assertThat(direct.status().value()).isEqualTo(404);
        assertThat(direct.problem().getDetail()).isEqualTo("No user named 'zoe'");
    }

    @Test
    void anythingElseIsABugWithAReferenceOfItsOwn() {
        FailureTriage.Failure first = triage.triage(new NullPointerException());
        FailureTriage.Failure second = triage.triage(new NullPointerException());

        assertThat(first).isInstanceOf(FailureTriage.Unexpected.class);
        assertThat(first.status().value()).isEqualTo(500);
        String reference = ((FailureTriage.Unexpected) first).reference();
        assertThat(((FailureTriage.Unexpected) second).reference()).isNotEqualTo(reference);
        assertThat(first.problem().getProperties()).containsEntry("reference", reference);
        assertThat(first.problem().getDetail()).contains(reference);
    }

    @Test
    void aChainOfCausesThatLoopsIsReadOnce() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.initCause(inner);

        assertThat(triage.triage(outer)).isInstanceOf(FailureTriage.Unexpected.class);

        RuntimeException broker = new RuntimeException("send");
        UncategorizedJmsException jms = new UncategorizedJmsException("down", broker);
        broker.initCause(jms);
        assertThat(triage.triage(broker)).isEqualTo(new FailureTriage.Unavailable("broker", 7));
    }

    @Test
    void anOutageIsAWarningThatNamesTheServiceWithoutAStackTrace(CapturedOutput output) {
        triage.triage(
                new IllegalStateException("not sent", new UncategorizedJmsException("broker down")),
                new MockHttpServletRequest("POST", "/api/v1/me/collection"));

        assertThat(output.getAll())
                .contains("POST /api/v1/me/collection failed, the broker is unavailable")
                .contains("WARN")
                .doesNotContain("database is unavailable", "\tat ");
    }

    @Test
    void aBugIsAnErrorWithTheReferenceTheClientIsShown(CapturedOutput output) {
        FailureTriage.Failure failure =
                triage.triage(new NullPointerException("boom"), new MockHttpServletRequest("GET", "/search"));

        String reference = ((FailureTriage.Unexpected) failure).reference();
        assertThat(output.getAll())
                .contains("GET /search failed (reference " + reference + ")")
                .contains("ERROR")
                .contains("NullPointerException");
    }

    @Test
    void aClientsMistakeIsNotLogged(CapturedOutput output) {
        triage.triage(ApiProblem.conflict("taken"), new MockHttpServletRequest("POST", "/api/v1/users"));

        assertThat(output.getAll()).doesNotContain("/api/v1/users");
    }
}
