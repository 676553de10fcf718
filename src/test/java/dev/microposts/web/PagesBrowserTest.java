package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site's pages in a real browser (headless Chromium): signing up, posting, following and reading the home
 * timeline; a post with markup stays text; a form posted from another site is refused; the pages work on a
 * phone-sized screen; errors are friendly pages. Screenshots of the main pages land in target/screenshots.
 */
class PagesBrowserTest extends ApiTest {

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void signUpPostFollowAndReadTheTimeline() {
        Api.User bob = api.newUser("bob");
        api.newPost(bob, "Bob was here before you followed");
        String alice = "alice" + System.nanoTime() % 1_000_000;
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.get(url("/"));
            browser.screenshot("welcome");
            navigate(page, page.findElement(By.linkText("Sign up")));
            page.findElement(By.id("username")).sendKeys(alice);
            page.findElement(By.id("display_name")).sendKeys("Alice Liddell");
            page.findElement(By.id("password")).sendKeys("short");
            navigate(page, page.findElement(By.cssSelector("main form button")));
            assertThat(page.findElement(By.id("password-error")).getText()).contains("at least");
            assertThat(page.findElement(By.id("username")).getAttribute("value"))
                    .isEqualTo(alice);
            page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
            navigate(page, page.findElement(By.cssSelector("main form button")));

            awaitUrl(page, url("/"));
            assertThat(page.findElement(By.cssSelector(".empty")).getText()).contains("Write your first post");
            page.findElement(By.id("text")).sendKeys("My first post, from the browser");
            navigate(page, page.findElement(By.cssSelector("#compose-form button")));
            assertThat(texts(page)).contains("My first post, from the browser");

            page.get(url("/users/" + bob.username()));
            assertThat(page.findElement(By.id("profile-name")).getText()).contains("@" + bob.username());
            navigate(page, find(page, "button.follow"));
            assertThat(find(page, "button.unfollow").isDisplayed()).isTrue();
            assertThat(page.findElement(By.cssSelector(".counts")).getText()).contains("1 followers");
            browser.screenshot("profile");

            api.newPost(bob, "Bob posts after the follow");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.get(url("/"));
                assertThat(texts(page))
                        .contains(
                                "Bob posts after the follow",
                                "My first post, from the browser",
                                "Bob was here before you followed");
            });
            browser.screenshot("home");

            page.get(url("/users/" + bob.username()));
            navigate(page, find(page, "button.unfollow"));
            assertThat(find(page, "button.follow").isDisplayed()).isTrue();

            WebElement before = page.findElement(By.tagName("html"));
            page.findElement(By.id("site-search")).sendKeys("first post", Keys.ENTER);
            new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(before));
            assertThat(texts(page)).contains("My first post, from the browser");
            page.get(url("/notifications"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Notifications");
        }
        assertThat(api.get("/api/v1/users/" + alice, null)
                        .json()
                        .path("display_name")
                        .asString())
                .isEqualTo("Alice Liddell");
    }

    @Test
    void markupInAPostStaysText() {
        Api.User mallory = api.newUser("mallory");
        String attack = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> <b>bold?</b>";
        long id = api.newPost(mallory, attack);
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.get(url("/users/" + mallory.username() + "/posts/" + id));
            assertThat(page.findElement(By.cssSelector(".post .text")).getText())
                    .isEqualTo(attack);
            assertThat(page.findElements(By.cssSelector(".post .text *"))).isEmpty();
            assertThat(page.executeScript("return typeof window.pwned")).isEqualTo("undefined");
        }
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() throws Exception {
        Api.User victim = api.newUser("victim");
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String form = "<!DOCTYPE html><form id=f method=post action='" + url("/posts") + "'>"
                + "<input name=text value='forged by another site'></form>"
                + "<script>document.getElementById('f').submit()</script>";
        attacker.createContext("/", exchange -> {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, victim);
            page.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getCurrentUrl().startsWith(url("")));
            assertThat(page.getPageSource()).doesNotContain("forged by another site");
            // and a same-site post without the form's token is refused too
            page.get(url("/"));
            page.executeScript("const f = document.createElement('form'); f.method = 'post'; f.action = '/posts';"
                    + " const t = document.createElement('input'); t.name = 'text'; t.value = 'no token';"
                    + " f.appendChild(t); document.body.appendChild(f); f.submit();");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.findElement(By.tagName("h1")).getText().equals("You cannot do that"));
        } finally {
            attacker.stop(0);
        }
        assertThat(api.get("/api/v1/users/" + victim.username() + "/collection", null)
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void aNewSessionAtLoginAndPagesThatWorkOnAPhone() {
        Api.User carol = api.newUser("carol");
        api.newPost(
                carol,
                "A post long enough to wrap on a narrow screen, with a verylongwordthatmustnotoverflowthepage"
                        + "becausephonesarenarrowandhorizontalscrollingisannoying.");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, carol);
            Cookie first = page.manage().getCookieNamed("SESSION");
            assertThat(first).isNotNull();
            assertThat(first.isHttpOnly()).isTrue();
            navigate(page, page.findElement(By.cssSelector("header button.link"))); // log out
            awaitUrl(page, url("/login?logged-out"));
            assertThat(page.findElement(By.cssSelector(".notice")).getText()).contains("logged out");
            logIn(page, carol);
            assertThat(page.manage().getCookieNamed("SESSION").getValue()).isNotEqualTo(first.getValue());
        }
        try (Browser phone = Browser.phone()) {
            ChromeDriver page = phone.driver();
            logIn(page, carol);
            for (String path : List.of("/", "/users/" + carol.username(), "/search?q=post", "/settings")) {
                page.get(url(path));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    Map<?, ?> size =
                            (Map<?, ?>) page.executeScript("return {page: document.documentElement.scrollWidth,"
                                    + " view: window.innerWidth, widest: [...document.querySelectorAll('body *')]"
                                    + ".reduce((w, e) => e.scrollWidth > w.width ? {width: e.scrollWidth, tag: e.outerHTML"
                                    + ".slice(0, 120)} : w, {width: 0}).tag}");
                    assertThat(((Number) size.get("page")).intValue())
                            .as("no sideways scrolling on %s; widest element: %s", path, size.get("widest"))
                            .isLessThanOrEqualTo(((Number) size.get("view")).intValue());
                });
            }
            page.get(url("/"));
            phone.screenshot("home-phone");

            page.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            WebElement focused = page.switchTo().activeElement();
            assertThat(focused.getText()).isEqualTo("Skip to content");
        }
    }

    @Test
    void settingsChangeTheProfileAndThePassword() {
        Api.User dave = api.newUser("dave");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, dave);
            page.get(url("/settings"));
            WebElement name = page.findElement(By.id("display_name"));
            name.clear();
            name.sendKeys("Dave <the builder>");
            page.findElement(By.id("bio")).sendKeys("Builds things.");
            navigate(page, page.findElement(By.cssSelector("form[action='/settings/profile'] button")));
            assertThat(find(page, ".notice").getText()).isEqualTo("Your profile is saved.");
            browser.screenshot("settings");

            page.findElement(By.id("current_password")).sendKeys("not-my-password-at-all");
            page.findElement(By.id("new_password")).sendKeys("another-violet-otter-77");
            navigate(page, page.findElement(By.cssSelector("form[action='/settings/password'] button")));
            assertThat(page.findElement(By.cssSelector("form[action='/settings/password'] .error"))
                            .getText())
                    .contains("not your current password");

            page.findElement(By.id("current_password")).sendKeys(Api.STRONG_PASSWORD);
            page.findElement(By.id("new_password")).sendKeys("another-violet-otter-77");
            navigate(page, page.findElement(By.cssSelector("form[action='/settings/password'] button")));
            assertThat(find(page, ".notice").getText()).contains("password is changed");

            page.get(url("/users/" + dave.username()));
            assertThat(page.findElement(By.id("profile-name")).getText()).contains("Dave <the builder>");
            assertThat(page.findElement(By.cssSelector(".bio")).getText()).isEqualTo("Builds things.");
        }
        assertThat(api.get("/api/v1/me", dave.token()).status())
                .as("a password change revokes the API tokens")
                .isEqualTo(401);
        assertThat(api.token(dave.username(), "another-violet-otter-77")).isNotBlank();
    }

    @Test
    void errorsAreFriendlyPages() {
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.get(url("/users/nobody-at-all"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This page does not exist");
            assertThat(page.getPageSource()).doesNotContain("Exception", "at dev.microposts");
            page.get(url("/settings"));
            awaitUrl(page, url("/login"));
            browser.screenshot("login");
        }
    }

    private void logIn(ChromeDriver page, Api.User user) {
        page.get(url("/login"));
        page.findElement(By.id("username")).sendKeys(user.username());
        page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
        navigate(page, page.findElement(By.cssSelector("main form button")));
        awaitUrl(page, url("/"));
    }

    private static void awaitUrl(ChromeDriver page, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(page.getCurrentUrl())
                .as(page.findElement(By.tagName("main")).getText())
                .isEqualTo(expected));
    }

    /** Clicks something that loads another page, and waits until the browser has left this one. */
    private static void navigate(ChromeDriver page, WebElement target) {
        WebElement before = page.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(before));
    }

    /** The element once the page shows it; if it never does, the failure says what the page showed instead. */
    private static WebElement find(ChromeDriver page, String css) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(page.findElements(By.cssSelector(css)))
                .as(
                        "%s on %s showing:%n%s",
                        css,
                        page.getCurrentUrl(),
                        page.findElement(By.tagName("body")).getText())
                .isNotEmpty());
        return page.findElement(By.cssSelector(css));
    }

    private static List<String> texts(ChromeDriver page) {
        return page.findElements(By.cssSelector(".post .text")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
