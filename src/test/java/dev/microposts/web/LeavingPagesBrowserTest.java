package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSession;
import dev.microposts.support.PageSteps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A member deletes their account from the settings page, in a real browser: a wrong password is refused with the
 * reason and deletes nothing; the right one, with the box ticked, signs them out onto a goodbye page, and the
 * account is gone. The same form without a script refuses an unticked box. Before leaving, a member can have an
 * archive of their data built and download it from the settings.
 */
class LeavingPagesBrowserTest extends ApiTest {

    @Test
    void aMemberDeletesTheirAccountFromTheSettingsPage() {
        Api.User member = api.newUser("leaving");
        long post = api.newPost(member, "Goodbye, everyone");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(member);
            page.get(steps.url("/settings"));
            assertThat(steps.find("#delete-heading").getText()).isEqualTo("Delete your account");

            page.findElement(By.id("delete_password")).sendKeys("not-my-password-at-all");
            page.findElement(By.cssSelector("#delete-account input[name=confirm]"))
                    .click();
            steps.navigate(page.findElement(By.cssSelector("#delete-account button")));
            assertThat(steps.find("section[aria-labelledby=delete-heading] .error[role=alert]")
                            .getText())
                    .contains("not your password");
            assertThat(api.get("/api/v1/me", member.token()).status())
                    .as("a wrong password deletes nothing")
                    .isEqualTo(200);

            page.findElement(By.id("delete_password")).sendKeys(Api.STRONG_PASSWORD);
            page.findElement(By.cssSelector("#delete-account input[name=confirm]"))
                    .click();
            steps.navigate(page.findElement(By.cssSelector("#delete-account button")));
            steps.awaitUrl(steps.url("/goodbye"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Your account is deleted");
            browser.screenshot("account-deleted");

            page.get(steps.url("/settings"));
            steps.awaitUrl(steps.url("/login"));
        }
        assertThat(api.get("/api/v1/me", member.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users/" + member.username() + "/collection/" + post)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aMemberBuildsAndDownloadsTheirArchiveFromTheSettings() throws Exception {
        Api.User member = api.newUser("archivist");
        api.newPost(member, "Worth keeping");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(member);
            page.get(steps.url("/settings"));
            steps.navigate(steps.find("section[aria-labelledby=export-heading] a"));
            steps.awaitUrl(steps.url("/settings/export"));

            steps.navigate(steps.find("#request-export button"));
            assertThat(steps.find(".notice").getText()).contains("being built");
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        page.navigate().refresh();
                        return !page.findElements(By.cssSelector("#exports a.download"))
                                .isEmpty();
                    });
            browser.screenshot("export-ready");
            String href =
                    page.findElement(By.cssSelector("#exports a.download")).getDomAttribute("href");
            String session = page.manage().getCookieNamed("SESSION").getValue();

            HttpResponse<byte[]> archive = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(steps.url(href)))
                                    .header("Cookie", "SESSION=" + session)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(new String(archive.body(), StandardCharsets.ISO_8859_1)).contains("archive.json");
        }
    }

    @Test
    void withoutAScriptTheFormStillAsksForTheTickedBox() {
        Api.User member = api.newUser("staying");
        PageSession session = PageSession.signIn(api, member.username(), Api.STRONG_PASSWORD);
        HttpResponse<String> settings = session.get("/settings");

        HttpResponse<String> unticked =
                session.post("/settings/delete", "password", Api.STRONG_PASSWORD, "_csrf", PageSession.csrf(settings));

        assertThat(unticked.statusCode()).isEqualTo(400);
        assertThat(unticked.body()).contains("cannot be undone");
        assertThat(session.signedIn()).isTrue();
        HttpResponse<String> forged =
                session.post("/settings/delete", "password", Api.STRONG_PASSWORD, "confirm", "yes");
        assertThat(forged.statusCode()).as("no CSRF token, no deletion").isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/token",
                                Map.of("username", member.username(), "password", Api.STRONG_PASSWORD),
                                null)
                        .status())
                .isEqualTo(200);
    }
}
