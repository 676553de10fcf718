package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Requests crafted to break the server or to fire the operators' alerts: each is tried against the running
 * application, which must refuse it as the client's mistake.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestAttacksTest extends ApiTest {

    private static final String SERVER_ERRORS = "http_server_requests_seconds_count";

    @Test
    @DisplayName("A query string with bad percent-encoding is a 400 on the API and the page, not a server error")
    void badPercentEncodingInTheQuery(CapturedOutput output) {
        assertClientMistake(output, () -> {
            assertProblem(rawGet("/api/v1/search/posts?q=%zz"), 400);
            assertFriendlyPage(rawGet("/search?q=%zz"), 400);
        });
    }

    @Test
    @DisplayName("A query string that is not UTF-8 is a 400 on the API and the page, not a server error")
    void invalidUtf8InTheQuery(CapturedOutput output) {
        assertClientMistake(output, () -> {
            ApiErrorsTest.assertProblem(api.get("/api/v1/search/posts?q=%C3%28"), 400);
            assertFriendlyPage(api.get("/search?q=%FF%FE"), 400);
        });
    }

    @Test
    @DisplayName("A form body that is not UTF-8 is a 400 page, not a server error")
    void invalidUtf8InAForm(CapturedOutput output) {
        assertClientMistake(
                output,
                () -> assertFriendlyPage(
                        api.send(api.request("/login", null)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("username=%FF%FE&password=x"))),
                        400));
    }

    @Test
    @DisplayName("More than 1,000 parameters are a 400 on the API and the page, not a server error")
    void tooManyParameters(CapturedOutput output) {
        // why: short names, so the request line stays under the header size limit and the count is what is tried
        String query = IntStream.range(0, 1_100).mapToObj(i -> "a=" + (i % 10)).collect(Collectors.joining("&"));
        assertClientMistake(output, () -> {
            ApiErrorsTest.assertProblem(api.get("/api/v1/search/posts?" + query), 400);
            assertFriendlyPage(
                    api.send(api.request("/login", null)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(query))),
                    400);
        });
    }

    @Test
    @DisplayName("Headers over the size limit get problem+json on the API and a friendly page elsewhere")
    void oversizedHeaders() {
        String huge = "x".repeat(20 * 1024);
        ApiErrorsTest.assertProblem(
                api.send(api.request("/api/v1/search/posts?q=a", null).header("X-Padding", huge)), 400);
        assertFriendlyPage(api.send(api.request("/search?q=a", null).header("X-Padding", huge)), 400);
    }

    @Test
    @DisplayName("An upload to the compose box's route without a session is refused with problem+json, as its script"
            + " reads")
    void uploadWithoutSession() {
        Api.Response response = api.send(api.request("/uploads", null)
                .header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("not really a video")));

        // why: with a session but no CSRF token it is Spring Security's 403, in the same form (PageSessionTest)
        ApiErrorsTest.assertProblem(response, 401);
    }

    @Test
    @DisplayName("Every error on an API path is problem+json, whichever part of the server raised it")
    void everyApiErrorIsAProblem() {
        Api.User alice = api.newUser("problems");
        String profile = "/api/v1/users/" + alice.username();
        ApiErrorsTest.assertProblem(
                api.send(api.request(profile, null).header("Accept", "text/csv").GET()), 406);
        ApiErrorsTest.assertProblem(
                api.send(
                        api.request(profile, null).header("Accept", "text/html").GET()),
                406);
        ApiErrorsTest.assertProblem(
                api.send(api.request(profile, alice.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))),
                405);
        ApiErrorsTest.assertProblem(
                api.send(api.request("/api/v1/me/collection", alice.token())
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString("<post/>"))),
                415);
        ApiErrorsTest.assertProblem(api.post("/api/v1/me/collection", "{\"text\": ", alice.token()), 400);
        ApiErrorsTest.assertProblem(api.get("/api/v1/no/such/route"), 404);
        ApiErrorsTest.assertProblem(
                api.send(api.request("/api/v1/no/such/route", null)
                        .header("Accept", "text/html")
                        .GET()),
                404);
    }

    @Test
    @DisplayName("A number, boolean, object or array where text is expected is a 400 naming the field")
    void nonTextWhereTextIsExpected() {
        Api.User alice = api.newUser("coerce");
        for (String value : new String[] {"12345", "true", "1.5", "[\"a\"]"}) {
            Api.Response response = api.post("/api/v1/me/collection", "{\"text\": " + value + "}", alice.token());
            ApiErrorsTest.assertProblem(response, 400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("text");
        }
        Api.Response profile = api.patch("/api/v1/me", "{\"display_name\": 42}", alice.token());
        ApiErrorsTest.assertProblem(profile, 400);
        assertThat(profile.json().get("errors").get(0).get("field").asString()).isEqualTo("display_name");
    }

    /**
     * Runs the attack and checks it left no trace an operator would be woken for: no 5xx counted toward the
     * server-errors alert, no ERROR line and no stack trace in the log.
     */
    private void assertClientMistake(CapturedOutput output, Runnable attack) {
        double serverErrorsBefore = serverErrors();
        int logBefore = output.getAll().length();

        attack.run();

        String logged = output.getAll().substring(logBefore);
        assertThat(serverErrors()).isEqualTo(serverErrorsBefore);
        assertThat(logged).doesNotContain("\"level\":\"ERROR\"", " ERROR ", "\tat ", "\\tat ");
    }

    private double serverErrors() {
        return api.metricTotal(SERVER_ERRORS, "status=\"5");
    }

    /**
     * A GET sent over a plain socket, because the JDK's client refuses to send a malformed URI. The answer is
     * read whole; a chunked body keeps its chunk sizes, which the checks on it do not mind.
     */
    private RawResponse rawGet(String pathAndQuery) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, headersEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("");
            return new RawResponse(status, contentType, answer.substring(headersEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record RawResponse(int status, String contentType, String body) {}

    static void assertProblem(RawResponse response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, "\"detail\":\"");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.");
    }

    static void assertFriendlyPage(RawResponse response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("MicroPosts").doesNotContain("Exception", "\tat ", "java.");
    }

    static void assertFriendlyPage(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("MicroPosts").doesNotContain("Exception", "\tat ", "java.");
    }
}
