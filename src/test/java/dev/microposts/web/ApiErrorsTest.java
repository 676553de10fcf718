package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets a problem+json answer with a useful detail and no internals. */
class ApiErrorsTest extends ApiTest {

    @Test
    void malformedJsonIsA400NamingWhereItBroke() {
        Api.User alice = api.newUser("malformed");
        Api.Response response = api.post("/api/v1/me/collection", "{\"text\": \"unterminated", alice.token());

        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).contains("not valid JSON");
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        Api.User alice = api.newUser("unknownfield");
        Api.Response response =
                api.post("/api/v1/me/collection", Map.of("text", "hi", "is_admin", true), alice.token());

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("is_admin");
    }

    @Test
    void wrongTypeOfFieldIsA400() {
        Api.User alice = api.newUser("wrongtype");
        Api.Response response = api.post("/api/v1/me/collection", "{\"text\": {\"nested\": 1}}", alice.token());

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
    }

    @Test
    void wrongContentTypeIs415() {
        Api.User alice = api.newUser("contenttype");
        Api.Response response = api.send(api.request("/api/v1/me/collection", alice.token())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertProblem(response, 415);
    }

    @Test
    void missingAuthenticationIs401WithAChallenge() {
        Api.Response response = api.post("/api/v1/me/collection", Map.of("text", "hi"), null);

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.json().get("detail").asString()).contains("POST /api/v1/token");
    }

    @Test
    void anInvalidTokenIs401EvenForPublicReads() {
        Api.Response response = api.get("/api/v1/users/nobody/collection", "mpt_not-a-real-token");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void unknownPathsAre404() {
        assertProblem(api.get("/api/v1/no/such/thing"), 404);
    }

    @Test
    void unsupportedMethodsAre405WithAllow() {
        Api.User alice = api.newUser("method");
        Api.Response response = api.send(api.request("/api/v1/users/" + alice.username(), alice.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() {
        Api.User alice = api.newUser("huge");
        String huge = "{\"text\": \"" + "a".repeat(70 * 1024) + "\"}";

        Api.Response response = api.post("/api/v1/me/collection", huge, alice.token());

        assertProblem(response, 413);
    }

    @Test
    void aStreamedBodyThatGrowsOverTheLimitIsCutOff() {
        Api.User alice = api.newUser("chunked");
        byte[] huge = ("{\"text\": \"" + "a".repeat(200 * 1024) + "\"}").getBytes();
        // no declared length: the body arrives chunked and is counted as it is read
        HttpRequest.BodyPublisher chunked =
                HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(huge));

        Api.Response response = api.send(api.request("/api/v1/me/collection", alice.token())
                .header("Content-Type", "application/json")
                .POST(chunked));

        assertProblem(response, 413);
    }

    @Test
    void badQueryParametersAre400() {
        Api.User alice = api.newUser("params");
        assertProblem(api.get("/api/v1/users/" + alice.username() + "/collection?limit=0"), 400);
        assertProblem(api.get("/api/v1/users/" + alice.username() + "/collection?limit=101"), 400);
        assertProblem(api.get("/api/v1/users/" + alice.username() + "/collection?limit=ten"), 400);
        assertProblem(api.get("/api/v1/users/" + alice.username() + "/collection?cursor=forged"), 400);
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "SQL");
    }
}
