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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Attacks on sign-ups, logins and page sessions, each tried against the running application: the login form,
 * the sign-up API and two browsers (cookie jars) of the same user.
 */
class AccountAttacksTest extends ApiTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("A failed form login creates no session: no row in the session table and no session cookie")
    void aFailedLoginStoresNoSession() throws Exception {
        Api.User user = api.newUser("nosession");
        HttpClient browser = browser();
        HttpResponse<String> loginPage = send(browser, get("/login"));
        long sessionsBefore = sessions();

        HttpResponse<String> failed = send(
                browser,
                form("/login", "username", user.username(), "password", "not-the-password", "_csrf", csrf(loginPage)));

        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(sessionCookie(failed)).as("a session cookie on the failure").isNull();
        assertThat(sessions()).as("session rows").isEqualTo(sessionsBefore);
        assertThat(send(browser, get("/login?error")).body())
                .as("the form still says what went wrong")
                .contains("Wrong username or password");
    }

    @Test
    @DisplayName("A password change signs out every other session of the user, but not the one that changed it")
    void aPasswordChangeEndsTheOtherSessions() throws Exception {
        Api.User user = api.newUser("twojars");
        HttpClient first = loggedIn(user);
        HttpClient second = loggedIn(user);
        HttpResponse<String> secondPage = send(second, get("/settings"));
        assertThat(secondPage.statusCode()).isEqualTo(200);

        HttpResponse<String> settings = send(first, get("/settings"));
        HttpResponse<String> changed = send(
                first,
                form(
                        "/settings/password",
                        "current_password",
                        Api.STRONG_PASSWORD,
                        "password",
                        "amber-heron-compass-77",
                        "_csrf",
                        csrf(settings)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);

        assertThat(send(first, get("/settings")).statusCode())
                .as("the session that changed the password stays signed in")
                .isEqualTo(200);
        HttpResponse<String> stale = send(second, get("/settings"));
        assertThat(stale.statusCode())
                .as("the other session's next page "
                        + jdbc.sql("select principal_name from spring_session")
                                .query(String.class)
                                .list())
                .isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> staleCall = send(
                second,
                HttpRequest.newBuilder(URI.create(api.base() + "/uploads"))
                        .header("Content-Type", "video/mp4")
                        .header("Accept", "application/json")
                        .header("X-XSRF-TOKEN", csrf(secondPage))
                        .POST(HttpRequest.BodyPublishers.ofString("bytes"))
                        .build());
        assertThat(staleCall.statusCode())
                .as("the other session's next API call")
                .isEqualTo(401);
        assertThat(staleCall.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("An admin's open session loses the admin pages at once when the role is revoked, and gains them")
    void aRoleChangeTakesEffectOnTheNextRequest() throws Exception {
        Api.User user = api.newUser("demoted");
        setAdmin(user, true);
        HttpClient browser = loggedIn(user);
        assertThat(send(browser, get("/admin")).statusCode()).isEqualTo(200);

        setAdmin(user, false);
        assertThat(send(browser, get("/admin")).statusCode())
                .as("the admin page right after the revocation")
                .isEqualTo(403);
        assertThat(send(browser, get("/settings")).statusCode())
                .as("the user stays signed in")
                .isEqualTo(200);

        setAdmin(user, true);
        assertThat(send(browser, get("/admin")).statusCode())
                .as("the admin page right after the grant")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("A sign-up for a taken name is refused before any password hash is computed")
    void aTakenNameIsRefusedWithoutHashing() {
        double before = hashes();
        Api.User taken = api.newUser("taken");
        assertThat(hashes() - before).as("hashes for one sign-up and one token").isEqualTo(2);

        double beforeRetry = hashes();
        Api.Response again = api.post(
                "/api/v1/users",
                Map.of("username", taken.username(), "password", "other-" + Api.STRONG_PASSWORD),
                null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body()).contains("is already taken");
        assertThat(hashes() - beforeRetry).as("hashes for the refused sign-up").isZero();
    }

    @Test
    @DisplayName("A password stored with argon2 parameters below OWASP's floor is rehashed at the owner's next login")
    void aWeakStoredHashIsUpgradedAtLogin() {
        Api.User user = api.newUser("oldhash");
        String weak = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(Api.STRONG_PASSWORD);
        jdbc.sql("update users set password_hash = ? where username = ?")
                .param(weak)
                .param(user.username())
                .update();

        api.token(user.username(), Api.STRONG_PASSWORD);

        assertThat(storedHash(user)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(api.token(user.username(), Api.STRONG_PASSWORD))
                .as("a login with the rehashed password")
                .isNotBlank();
    }

    private String storedHash(Api.User user) {
        return jdbc.sql("select password_hash from users where username = ?")
                .param(user.username())
                .query(String.class)
                .single();
    }

    private double hashes() {
        return api.metricTotal("microposts_accounts_password_hashes_total");
    }

    private void setAdmin(Api.User user, boolean admin) {
        // why: as the grant-admin and revoke-admin commands do, from another process
        jdbc.sql("update users set admin = ? where username = ?")
                .param(admin)
                .param(user.username())
                .update();
    }

    private long sessions() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    private HttpClient loggedIn(Api.User user) throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> loginPage = send(browser, get("/login"));
        HttpResponse<String> loggedIn = send(
                browser,
                form("/login", "username", user.username(), "password", Api.STRONG_PASSWORD, "_csrf", csrf(loginPage)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
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
                .findFirst()
                .orElse(null);
    }
}
