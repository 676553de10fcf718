package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pages use a session cookie from the login form: HttpOnly, SameSite, a new id at login, CSRF on every
 * form, and logging out ends the session on the server so a copied cookie stops working.
 */
class PageSessionTest extends ApiTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void logsInWithASessionAndLogsOutServerSide() throws Exception {
        Api.User user = api.newUser("pages");
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> loginPage = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        assertThat(sessionCookie(loginPage))
                .as("an anonymous visit creates no session (its CSRF token is in a cookie)")
                .isNull();
        HttpResponse<String> loggedIn = browser.send(
                form("/login", "username", user.username(), "password", Api.STRONG_PASSWORD, "_csrf", csrf(loginPage)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String setCookie = loggedIn.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String session = sessionCookie(loggedIn);

        HttpResponse<String> home = browser.send(get("/"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.body()).contains("<a href=\"/users/" + user.username() + "\">Profile</a>", "Your timeline");

        HttpClient thief = HttpClient.newHttpClient();
        assertThat(withCookie(thief, session).body())
                .as("the copied cookie works while the session lives")
                .contains("Your timeline");

        HttpResponse<String> loggedOut =
                browser.send(form("/logout", "_csrf", csrf(home)), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedOut.statusCode()).isEqualTo(302);

        assertThat(withCookie(thief, session).body())
                .as("and stops working once the session ended on the server")
                .doesNotContain("Your timeline");
    }

    private HttpResponse<String> withCookie(HttpClient client, String session) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/"))
                        .header("Cookie", "SESSION=" + session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageErrorsAreFriendlyPagesNotProblemsOrStackTraces() throws Exception {
        HttpClient browser = loggedIn(api.newUser("lost"));

        HttpResponse<String> missing = browser.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/no/such/page"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("This page does not exist").doesNotContain("Exception", "problem");
    }

    @Test
    void theComposeBoxUploadNeedsTheSessionAndItsTokenAndAnswersProblems() throws Exception {
        HttpClient browser = loggedIn(api.newUser("uploader"));
        String token = csrf(browser.send(get("/"), HttpResponse.BodyHandlers.ofString()));

        HttpResponse<String> anonymous =
                HttpClient.newHttpClient().send(upload(null, "bytes"), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("no session").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> forged = browser.send(upload(null, "bytes"), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a session but no CSRF token").isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type").orElseThrow())
                .as("the script reads the refusal as a problem")
                .startsWith("application/problem+json");

        HttpResponse<String> empty = browser.send(upload(token, ""), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(empty.body()).contains("the upload is empty");

        HttpResponse<String> accepted =
                browser.send(upload(token, "not a video"), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"stage\":\"probing\"");
    }

    /** A client with a logged-in page session, as a browser has after the login form. */
    private HttpClient loggedIn(Api.User user) throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> loginPage = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> loggedIn = browser.send(
                form("/login", "username", user.username(), "password", Api.STRONG_PASSWORD, "_csrf", csrf(loginPage)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        return browser;
    }

    private HttpRequest upload(String csrfToken, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/uploads"))
                .header("Content-Type", "video/mp4")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrfToken != null) {
            request.header("X-XSRF-TOKEN", csrfToken);
        }
        return request.build();
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefused() throws Exception {
        Api.User user = api.newUser("csrf");
        HttpClient attacker = HttpClient.newHttpClient();

        HttpResponse<String> response = attacker.send(
                form("/login", "username", user.username(), "password", Api.STRONG_PASSWORD),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithAMessage() throws Exception {
        Api.User user = api.newUser("wrongform");
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> loginPage = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> again = browser.send(
                form("/login", "username", user.username(), "password", "not-it-at-all", "_csrf", csrf(loginPage)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(again.body()).contains("Wrong username or password");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(api.base() + path)).build();
    }

    private HttpRequest form(String path, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token in " + page.body()).isTrue();
        return matcher.group(1);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("SESSION="))
                .map(cookie -> cookie.substring("SESSION=".length(), cookie.indexOf(';')))
                .findFirst()
                .orElse(null);
    }
}
