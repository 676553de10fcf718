package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-up floods against a real process with the default sign-up limit of five. A process of its own: the shared
 * test application allows its tests many sign-ups, since they all come from one address.
 */
class SignUpAttacksTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("A script signing up account after account from one address is refused with 429 past the limit")
    void signUpsFromOneAddressAreLimited() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("sign-up-attacks-test.log");
        Files.deleteIfExists(log);
        try (AppProcess app = AppProcess.start(
                dataDir,
                log,
                Map.of("MICROPOSTS_TASKS_WORKERS", "false", "MICROPOSTS_ACCOUNTS_SIGN_UP_PER_ADDRESS", "5"))) {
            Api api = app.api();
            for (int i = 1; i <= 5; i++) {
                assertThat(signUp(api, "http://127.0.0.1:" + app.port(), "flood" + i)
                                .status())
                        .as("sign-up " + i + " of the allowed five")
                        .isEqualTo(201);
            }

            Api.Response refused = signUp(api, "http://127.0.0.1:" + app.port(), "flood6");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            assertThat(refused.json().path("detail").asString()).contains("sign-ups");
            assertThat(api.get("/api/v1/users/flood6").status())
                    .as("the refused account")
                    .isEqualTo(404);

            HttpClient browser =
                    HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> form = browser.send(
                    HttpRequest.newBuilder(URI.create(base + "/signup")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> page = browser.send(
                    HttpRequest.newBuilder(URI.create(base + "/signup"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("username=formflood&display_name="
                                    + URLEncoder.encode("Form Flood", StandardCharsets.UTF_8) + "&password="
                                    + Api.STRONG_PASSWORD + "&_csrf=" + csrf(form)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(429);
            assertThat(page.headers().firstValue("Retry-After")).isPresent();
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body())
                    .as("the form, with what was typed and what went wrong")
                    .contains("Too many sign-ups")
                    .contains("value=\"formflood\"")
                    .contains("value=\"Form Flood\"");

            // why: ::1 is another address (its own /64), so the limit on 127.0.0.1 does not reach it
            assertThat(signUp(api, "http://[::1]:" + app.port(), "otherhost").status())
                    .as("a sign-up from another address")
                    .isEqualTo(201);
        }
    }

    private static Api.Response signUp(Api api, String base, String username) {
        return api.post(
                base + "/api/v1/users",
                Map.of("username", username, "password", Api.STRONG_PASSWORD, "display_name", username),
                null);
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token in " + page.body()).isTrue();
        return matcher.group(1);
    }
}
