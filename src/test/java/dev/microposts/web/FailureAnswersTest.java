package dev.microposts.web;

import static dev.microposts.web.ApiErrorsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A failure gets the same answer wherever the web edge meets it (behind the request guard, in an API controller,
 * in a page controller): a broker that cannot be reached is a 503 with Retry-After, logged as the broker's, and a
 * bug is a 500 whose reference the client is shown and the ERROR line carries.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnswersTest extends ApiTest {

    private static final Pattern SHOWN_REFERENCE = Pattern.compile("<code>([0-9a-f-]{36})</code>");

    @Test
    @DisplayName("A broker failure that escapes into the request guard is a 503 with Retry-After")
    void brokerFailureBehindTheGuard(CapturedOutput output) {
        int logBefore = output.getAll().length();

        Api.Response response = api.get(FailuresOnPurpose.FILTER + "broker");

        assertProblem(response, 503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertNamesTheBroker(output.getAll().substring(logBefore), FailuresOnPurpose.FILTER + "broker");
    }

    @Test
    @DisplayName("A wrapped broker failure in an API controller is a 503 with Retry-After")
    void brokerFailureInAnApiController(CapturedOutput output) {
        int logBefore = output.getAll().length();

        Api.Response response = api.get(FailuresOnPurpose.API + "broker");

        assertProblem(response, 503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertNamesTheBroker(output.getAll().substring(logBefore), FailuresOnPurpose.API + "broker");
    }

    @Test
    @DisplayName("A broker failure in a page controller is the friendly 503 page with Retry-After")
    void brokerFailureOnAPage(CapturedOutput output) {
        assertBrokerPage(output, FailuresOnPurpose.PAGE + "broker");
    }

    @Test
    @DisplayName("A broker failure in a controller of no page is the friendly 503 page with Retry-After")
    void brokerFailureInAControllerOfNoPage(CapturedOutput output) {
        assertBrokerPage(output, FailuresOnPurpose.OTHER + "broker");
    }

    @Test
    @DisplayName("A bug on a page shows the reference that its ERROR line carries")
    void bugOnAPageShowsItsReference(CapturedOutput output) {
        assertReferencedPage(output, FailuresOnPurpose.PAGE + "bug");
    }

    @Test
    @DisplayName("A bug in a controller of no page shows the reference that its ERROR line carries")
    void bugInAControllerOfNoPageShowsItsReference(CapturedOutput output) {
        assertReferencedPage(output, FailuresOnPurpose.OTHER + "bug");
    }

    @Test
    @DisplayName("A bug behind the request guard is a 500 problem whose reference its ERROR line carries")
    void bugBehindTheGuardShowsItsReference(CapturedOutput output) {
        assertReferencedProblem(output, FailuresOnPurpose.FILTER + "bug");
    }

    @Test
    @DisplayName("A bug in an API controller is a 500 problem whose reference its ERROR line carries")
    void bugInAnApiControllerShowsItsReference(CapturedOutput output) {
        assertReferencedProblem(output, FailuresOnPurpose.API + "bug");
    }

    private void assertReferencedProblem(CapturedOutput output, String path) {
        Api.Response response = api.get(path);

        assertProblem(response, 500);
        String reference = response.json().get("reference").asString();
        assertThat(reference).isNotBlank();
        assertThat(response.json().get("detail").asString()).contains(reference);
        assertThat(output.getAll()).contains("GET " + path + " failed (reference " + reference + ")");
    }

    private void assertBrokerPage(CapturedOutput output, String path) {
        int logBefore = output.getAll().length();

        Api.Response response = api.get(path);

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.body()).contains("<h1>").doesNotContain("Exception", "\tat ");
        assertNamesTheBroker(output.getAll().substring(logBefore), path);
    }

    private void assertReferencedPage(CapturedOutput output, String path) {
        Api.Response response = api.get(path);

        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        Matcher shown = SHOWN_REFERENCE.matcher(response.body());
        assertThat(shown.find())
                .as("a reference on the page: %s", response.body())
                .isTrue();
        assertThat(output.getAll()).contains("GET " + path + " failed (reference " + shown.group(1) + ")");
    }

    private static void assertNamesTheBroker(String logged, String path) {
        assertThat(logged)
                .contains("GET " + path + " failed, the broker is unavailable")
                .doesNotContain("the database is unavailable");
    }
}
