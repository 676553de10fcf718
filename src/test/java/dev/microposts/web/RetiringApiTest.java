package dev.microposts.web;

import static dev.microposts.web.ApiErrorsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * A handler marked {@link Retiring} says so on every answer it gives, its refusals and failures included, and
 * only it: nothing in {@code /api/v1} is retiring yet, so the handlers here are the tests' own, hidden from the
 * API's description, in {@link RetiringOnPurpose}.
 */
class RetiringApiTest extends ApiTest {

    private static final String ONE_HANDLER = RetiringOnPurpose.ONE_HANDLER;
    private static final String WHOLE_CONTROLLER = RetiringOnPurpose.WHOLE_CONTROLLER;

    @Test
    void aRetiringHandlersAnswerCarriesTheNotice() {
        Api.Response response = api.get(ONE_HANDLER + "greeting?name=ada");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("greeting").asString()).isEqualTo("hello, ada");
        assertNotice(response, "/api/v2/greetings");
    }

    @Test
    void itsRefusalAndItsBadRequestCarryTheNoticeToo() {
        Api.Response refused = api.get(ONE_HANDLER + "greeting?name=nobody");
        assertProblem(refused, 404);
        assertNotice(refused, "/api/v2/greetings");

        Api.Response unreadable = api.get(ONE_HANDLER + "repeated?times=many");
        assertProblem(unreadable, 400);
        assertNotice(unreadable, "/api/v2/greetings");
    }

    @Test
    void aHandlerBesideItThatIsNotRetiringCarriesNoNotice() {
        Api.Response response = api.get(ONE_HANDLER + "staying");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Deprecation")).isNull();
        assertThat(response.header("Sunset")).isNull();
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void aRetiringControllerMarksEveryHandlerItHasAndItsFailures() {
        Api.Response answered = api.get(WHOLE_CONTROLLER + "answer");
        assertThat(answered.status()).isEqualTo(200);
        assertNotice(answered, "/api/v2/answers");

        Api.Response failed = api.get(WHOLE_CONTROLLER + "failure");
        assertProblem(failed, 500);
        assertNotice(failed, "/api/v2/answers");
    }

    private static void assertNotice(Api.Response response, String successor) {
        assertThat(response.header("Deprecation"))
                .as("Deprecation of %s", response)
                .isEqualTo("@1796083200");
        assertThat(response.header("Sunset")).as("Sunset of %s", response).isEqualTo("Tue, 01 Jun 2027 00:00:00 GMT");
        assertThat(response.header("Link"))
                .as("Link of %s", response)
                .isEqualTo("<" + successor + ">; rel=\"successor-version\", </v3/api-docs>; rel=\"deprecation\"");
    }
}
