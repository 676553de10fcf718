package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

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
            assertThat(page.findElement(By.id("password-error")).getText())
                    .isEqualTo("Your password must be at least 8 characters.");
            assertThat(page.findElement(By.id("username")).getAttribute("value"))
                    .isEqualTo(alice);
            page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
            navigate(page, page.findElement(By.cssSelector("main form button")));

            awaitUrl(page, url("/"));
            assertThat(page.findElement(By.cssSelector(".empty")).getText()).contains("Write your first post");
            page.findElement(By.id("text")).sendKeys("My first post, from the browser");
            navigate(page, page.findElement(By.id("compose-submit")));
            assertThat(texts(page)).contains("My first post, from the browser");

            page.get(url("/users/" + bob.username()));
            assertThat(page.findElement(By.id("profile-name")).getText()).contains("@" + bob.username());
            navigate(page, find(page, "button.follow"));
            assertThat(find(page, "button.unfollow").isDisplayed()).isTrue();
            assertThat(page.findElements(By.cssSelector(".counts a")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .containsExactly("1 follower", "0 following");
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
            awaitLeft(page, before);
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
    @SuppressWarnings("unchecked")
    void uploadAVideoWatchItBecomeReadyPostItAndPlayIt(@TempDir Path directory) throws Exception {
        Api.User erin = api.newUser("erin");
        Path clip = new Videos(directory).h264("compose.mp4", "640x360", 4, true);
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, erin);
            assertThat(page.executeScript("return document.createElement('video').canPlayType('video/mp4;"
                            + " codecs=\"avc1.42E01E, mp4a.40.2\"')"))
                    .as("this Chromium plays H.264/AAC")
                    .isNotEqualTo("");
            // why: a throttled connection, so the bar moves for a while as the bytes go up
            page.executeCdpCommand("Network.enable", Map.of());
            page.executeCdpCommand(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 5, "downloadThroughput", -1, "uploadThroughput", 128 * 1024));
            // what the compose box shows, sampled in the page every 20 ms
            page.executeScript("window.samples = []; setInterval(() => {"
                    + " const box = document.getElementById('upload'), bar = document.getElementById('upload-progress');"
                    + " const sample = {stage: box.dataset.stage || null,"
                    + " fraction: bar.hasAttribute('value') && bar.max > 1 ? bar.value / bar.max : null};"
                    + " const last = window.samples[window.samples.length - 1];"
                    + " if (!last || last.stage !== sample.stage || last.fraction !== sample.fraction)"
                    + " window.samples.push(sample); }, 20)");
            page.findElement(By.id("text")).sendKeys("A clip from the browser");
            page.findElement(By.id("video")).sendKeys(clip.toAbsolutePath().toString());

            awaitStage(page, "ready", Duration.ofSeconds(60));
            page.executeCdpCommand(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            List<Map<String, Object>> samples = (List<Map<String, Object>>) page.executeScript("return window.samples");
            List<Double> fractions = samples.stream()
                    .filter(sample -> "uploading".equals(sample.get("stage")) && sample.get("fraction") != null)
                    .map(sample -> ((Number) sample.get("fraction")).doubleValue())
                    .toList();
            assertThat(fractions)
                    .as("the progress bar moved while uploading: %s", samples)
                    .filteredOn(f -> f > 0.0 && f < 1.0)
                    .hasSizeGreaterThan(2);
            assertThat(fractions).isSortedAccordingTo(Double::compare);
            List<Object> stages = samples.stream()
                    .map(sample -> sample.get("stage"))
                    .filter(java.util.Objects::nonNull)
                    .distinct()
                    .toList();
            assertThat(stages)
                    .as("the stages shown live, in order")
                    .startsWith("uploading")
                    .endsWith("ready")
                    .containsAnyOf("probing", "transcoding")
                    .isSubsetOf("uploading", "probing", "transcoding", "ready");
            assertThat(page.findElement(By.id("upload-status")).getText()).isEqualTo("The video is ready.");
            assertThat(stages).as("stages shown live").endsWith("ready");
            browser.screenshot("compose-video");
            assertThat(page.findElement(By.id("compose-submit")).isEnabled()).isTrue();
            navigate(page, page.findElement(By.id("compose-submit")));

            WebElement video = find(page, ".post figure.video video");
            assertThat(video.getAttribute("poster")).contains("/media/").endsWith(".jpg");
            assertThat(page.findElement(By.cssSelector(".post figure.video img, .post figure.video video"))
                            .getAttribute("aria-label"))
                    .isNotBlank();
            page.executeScript("arguments[0].muted = true; arguments[0].play();", video);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ((Number) page.executeScript("return arguments[0].currentTime", video)).doubleValue()
                            > 0.2);
            page.executeScript("arguments[0].pause(); arguments[0].currentTime = 3;", video);
            await().atMost(Duration.ofSeconds(20)).until(() -> (Boolean) page.executeScript(
                    "const v = arguments[0]; return !v.seeking && v.readyState >= 2 && v.currentTime >= 2.9", video));
            assertThat(page.executeScript("return arguments[0].error", video)).isNull();
        }
    }

    @Test
    void aFileThatIsNotAVideoIsLeftOffThePostSayingSoAndATooLargeOneIsRefused(@TempDir Path directory)
            throws Exception {
        Api.User frank = api.newUser("frank");
        Path report = Files.write(directory.resolve("report.pdf"), Videos.pdf());
        Path huge = directory.resolve("huge.mp4");
        try (var out = Files.newOutputStream(huge)) {
            byte[] block = new byte[1 << 20];
            new java.util.Random(1).nextBytes(block);
            for (int i = 0; i < 17; i++) {
                out.write(block);
            }
        }
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, frank);
            page.findElement(By.id("text")).sendKeys("My holiday, in a document");
            page.findElement(By.id("video")).sendKeys(report.toAbsolutePath().toString());
            awaitStage(page, "failed", Duration.ofSeconds(30));
            // the box says what Post will do: the file is off the form, and the post is text only
            assertThat(page.findElement(By.id("upload-status")).getText())
                    .isEqualTo("\u201creport.pdf\u201d could not be used: This is a PDF document, not a video file.");
            assertThat(page.findElement(By.id("upload-detached")).getText())
                    .isEqualTo("It is not attached: posting now shares your text alone.");
            assertThat(page.findElement(By.id("video")).getDomProperty("value")).isEmpty();
            assertThat(page.findElements(By.cssSelector("input[name=media_id]")))
                    .isEmpty();
            assertThat(page.findElement(By.id("compose-submit")).getText()).isEqualTo("Post without the video");
            browser.screenshot("compose-failed");

            navigate(page, page.findElement(By.id("compose-submit")));
            assertThat(find(page, ".notice").getText()).isEqualTo("Posted.");
            assertThat(texts(page)).contains("My holiday, in a document");
            JsonNode posts = api.get("/api/v1/users/" + frank.username() + "/collection", frank.token())
                    .json();
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).path("media")).isEmpty();
            assertThat(page.findElement(By.id("compose-submit")).getText()).isEqualTo("Post");

            // the page refuses it before sending a byte
            page.findElement(By.id("video")).sendKeys(huge.toAbsolutePath().toString());
            awaitStage(page, "failed", Duration.ofSeconds(10));
            assertThat(page.findElement(By.id("upload-status")).getText())
                    .isEqualTo("That file is too large: videos can be up to 16 MB.");
            assertThat(page.findElement(By.id("upload-detached")).isDisplayed()).isTrue();

            // dismissing it puts the box back as it was
            page.findElement(By.id("upload-remove")).click();
            assertThat(page.findElement(By.id("upload")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.id("compose-submit")).getText()).isEqualTo("Post");

            // and the server refuses it too when the page's check is bypassed
            page.executeScript("delete document.getElementById('video').dataset.maxBytes");
            page.findElement(By.id("video")).sendKeys(huge.toAbsolutePath().toString());
            awaitStage(page, "failed", Duration.ofSeconds(30));
            assertThat(page.findElement(By.id("upload-status")).getText())
                    .containsAnyOf("larger than the limit", "cut off");
            assertThat(page.findElement(By.id("compose-submit")).getText()).isEqualTo("Post without the video");
        }
    }

    @Test
    void withoutItsScriptTheFormRefusesAFileThatIsNotAVideoAndKeepsTheText(@TempDir Path directory) throws Exception {
        Api.User gina = api.newUser("gina");
        Path report = Files.write(directory.resolve("report.pdf"), Videos.pdf());
        Path clip = new Videos(directory).h264("plain-form.mp4", "320x240", 1, false);
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            logIn(page, gina);
            WebElement chooser = page.findElement(By.id("video"));
            assertThat(chooser.isDisplayed()).isTrue();
            assertThat(chooser.getDomAttribute("name"))
                    .as("no script ran: it would have taken the file off the form")
                    .isEqualTo("video");

            page.findElement(By.id("text")).sendKeys("Look at my holiday!");
            chooser.sendKeys(report.toAbsolutePath().toString());
            navigate(page, page.findElement(By.id("compose-submit")));
            assertThat(find(page, "#compose .error").getText())
                    .isEqualTo("Nothing was posted: \u201creport.pdf\u201d is a PDF document, not a video file."
                            + " Your text is still here: post it on its own, or choose a video.");
            assertThat(page.findElement(By.id("text")).getDomProperty("value")).isEqualTo("Look at my holiday!");
            assertThat(api.get("/api/v1/users/" + gina.username() + "/collection", gina.token())
                            .json())
                    .isEmpty();

            // a video goes with the post, which others see once the video is ready
            page.findElement(By.id("video")).sendKeys(clip.toAbsolutePath().toString());
            navigate(page, page.findElement(By.id("compose-submit")));
            assertThat(find(page, ".notice").getText()).isEqualTo("Posted. Others see it once its video is ready.");
            JsonNode posts = api.get("/api/v1/users/" + gina.username() + "/collection", gina.token())
                    .json();
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).path("text").asString()).isEqualTo("Look at my holiday!");
            assertThat(posts.get(0).path("media")).hasSize(1);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/users/" + gina.username() + "/collection", null)
                                    .json()
                                    .size()
                            == 1);
        }
    }

    /** Waits until the compose box's video reaches {@code stage}; a failure says what the box showed. */
    private static void awaitStage(ChromeDriver page, String stage, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> assertThat(stage(page))
                .as("compose box: %s", page.findElement(By.id("upload-status")).getText())
                .isEqualTo(stage));
    }

    private static String stage(ChromeDriver page) {
        return (String) page.executeScript("return document.getElementById('upload').dataset.stage || null");
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
            page.get(url("/no/such/page"));
            assertThat(page.getCurrentUrl())
                    .as("a logged-out visitor is told the page does not exist, not asked to log in")
                    .isEqualTo(url("/no/such/page"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("This page does not exist");
            page.get(url("/settings"));
            awaitUrl(page, url("/login"));
            browser.screenshot("login");
        }
        Api.Response unknown = api.send(api.request("/no/such/page", null).header("Accept", "text/html"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");
        assertThat(unknown.body()).contains("This page does not exist");
        for (String privatePage : List.of("/settings", "/notifications")) {
            Api.Response response = api.send(api.request(privatePage, null).header("Accept", "text/html"));
            assertThat(response.status()).as(privatePage).isEqualTo(302);
            assertThat(response.header("Location")).as(privatePage).endsWith("/login");
        }
        Api.Response unknownApi = api.get("/api/v1/no-such-thing");
        assertThat(unknownApi.status()).isEqualTo(404);
        assertThat(unknownApi.contentType()).startsWith("application/problem+json");
        Api.Response privateApi = api.get("/api/v1/me/no-such-thing");
        assertThat(privateApi.status()).isEqualTo(401);
        assertThat(privateApi.contentType()).startsWith("application/problem+json");
    }

    @Test
    void signUpErrorsAreSentencesNamingTheField() {
        Api.User taken = api.newUser("taken");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.get(url("/signup"));
            page.findElement(By.id("username")).sendKeys("1st");
            page.findElement(By.id("display_name")).sendKeys("x".repeat(40));
            page.executeScript("document.getElementById('display_name').removeAttribute('maxlength')");
            page.findElement(By.id("display_name")).sendKeys("y".repeat(20));
            page.findElement(By.id("password")).sendKeys("password123456");
            navigate(page, page.findElement(By.cssSelector("main form button")));
            assertThat(page.findElement(By.id("username-error")).getText())
                    .isEqualTo("Your username must be 3 to 30 letters, digits or underscores, starting with a letter.");
            assertThat(page.findElement(By.id("display_name-error")).getText())
                    .isEqualTo("Your display name must be at most 50 characters.");
            assertThat(page.findElement(By.id("password-error")).getText())
                    .isEqualTo("Your password is too common; choose one that is not on lists of leaked passwords.");
            assertThat(page.findElement(By.id("password")).getAttribute("aria-describedby"))
                    .isEqualTo("password-error");

            WebElement username = page.findElement(By.id("username"));
            username.clear();
            username.sendKeys(taken.username());
            page.findElement(By.id("display_name")).clear();
            page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
            navigate(page, page.findElement(By.cssSelector("main form button")));
            assertThat(page.findElement(By.id("username-error")).getText())
                    .isEqualTo("The username '" + taken.username() + "' is already taken; choose another one.");
            assertThat(page.findElements(By.cssSelector("main .error")))
                    .as("only the field that is wrong says so")
                    .hasSize(1);
        }
    }

    @Test
    void searchFindsPeopleByNameBeforePostsAndListsShowDisplayNames() {
        Api.User carol = api.newUser("carol");
        Api.User reader = api.newUser("reader");
        String word = "kumquat" + System.nanoTime() % 1_000_000;
        rename(carol, "Carol " + word + " Danvers");
        long postId = api.newPost(carol, "I write about the " + word + " here");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, reader);
            page.findElement(By.id("site-search")).sendKeys(carol.username().toUpperCase(), Keys.ENTER);
            WebElement person = find(page, ".people-results .person");
            assertThat(person.findElement(By.cssSelector(".display-name")).getText())
                    .isEqualTo("Carol " + word + " Danvers");
            assertThat(person.findElement(By.cssSelector(".username")).getText())
                    .isEqualTo("@" + carol.username());

            page.get(url("/search?q=" + word));
            assertThat(page.findElements(By.cssSelector("main h2")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .as("people first, then posts")
                    .containsExactly("People", "Posts");
            assertThat(page.findElement(By.cssSelector(".people-results .person .username"))
                            .getText())
                    .isEqualTo("@" + carol.username());
            assertAuthor(page, "Carol " + word + " Danvers", carol);
            browser.screenshot("search");
            navigate(page, page.findElement(By.cssSelector(".people-results .person")));
            awaitUrl(page, url("/users/" + carol.username()));
            assertAuthor(page, "Carol " + word + " Danvers", carol);

            page.get(url("/users/" + carol.username() + "/posts/" + postId));
            assertAuthor(page, "Carol " + word + " Danvers", carol);

            page.get(url("/search?q=nobody" + word));
            assertThat(page.findElement(By.cssSelector(".people-results .empty"))
                            .getText())
                    .contains("Nobody");
            page.get(url("/search?q=" + "x".repeat(201)));
            assertThat(page.findElement(By.cssSelector("main .error")).getText())
                    .isEqualTo("Your search must be at most 200 characters.");
        }
        api.put("/api/v1/me/following/" + carol.username(), null, reader.token());
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, reader);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.get(url("/"));
                assertAuthor(page, "Carol " + word + " Danvers", carol);
            });
        }
    }

    @Test
    void followersListsShowPeopleWithAFollowButton() {
        Api.User star = api.newUser("star");
        Api.User fan = api.newUser("fan");
        Api.User viewer = api.newUser("viewer");
        rename(fan, "Fanny Price");
        api.put("/api/v1/me/following/" + star.username(), null, fan.token());
        api.put("/api/v1/me/following/" + star.username(), null, viewer.token());
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.get(url("/users/" + star.username() + "/followers"));
            assertThat(page.findElements(By.cssSelector("ul.people .person .username")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .containsExactly("@" + viewer.username(), "@" + fan.username());
            assertThat(page.findElements(By.cssSelector("ul.people button")))
                    .as("no buttons for a logged-out visitor")
                    .isEmpty();

            logIn(page, viewer);
            page.get(url("/users/" + star.username() + "/followers"));
            WebElement fanRow = row(page, fan);
            assertThat(fanRow.findElement(By.cssSelector(".display-name")).getText())
                    .isEqualTo("Fanny Price");
            assertThat(fanRow.findElement(By.cssSelector("a.person")).getAttribute("href"))
                    .isEqualTo(url("/users/" + fan.username()));
            assertThat(row(page, viewer).findElements(By.tagName("button")))
                    .as("no button to follow yourself")
                    .isEmpty();
            navigate(page, fanRow.findElement(By.cssSelector("button.follow")));
            awaitUrl(page, url("/users/" + star.username() + "/followers"));
            assertThat(row(page, fan)
                            .findElement(By.cssSelector("button.unfollow"))
                            .getAttribute("aria-label"))
                    .isEqualTo("Unfollow @" + fan.username());
            assertThat(api.get("/api/v1/users/" + viewer.username() + "/following")
                            .json()
                            .findValuesAsString("username"))
                    .contains(fan.username());
            browser.screenshot("followers");

            page.get(url("/users/" + viewer.username() + "/following"));
            navigate(page, row(page, fan).findElement(By.cssSelector("button.unfollow")));
            awaitUrl(page, url("/users/" + viewer.username() + "/following"));
            assertThat(page.findElements(By.cssSelector("ul.people .person .username")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .containsExactly("@" + star.username());

            page.get(url("/users/" + star.username()));
            assertThat(page.findElement(By.cssSelector(".counts a")).getText()).isEqualTo("2 followers");
        }
    }

    @Test
    void theHeaderStaysOnOneLineWithTheNotificationBadge() {
        Api.User reader = api.newUser("reader");
        Api.User follower = api.newUser("follower");
        api.put("/api/v1/me/following/" + reader.username(), null, follower.token());
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            logIn(page, reader);
            assertThat(page.executeScript("return window.innerWidth")).isEqualTo(1280L);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.get(url("/"));
                assertThat(page.findElements(By.cssSelector("header.site .badge")))
                        .isNotEmpty();
            });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>)
                    page.executeScript("return [...document.querySelectorAll('header.site nav > *')].map(e => {"
                            + " const r = e.getBoundingClientRect();"
                            + " return {item: e.textContent.trim() || e.tagName, top: r.top, bottom: r.bottom}; })");
            double lowestTop = items.stream()
                    .mapToDouble(item -> ((Number) item.get("top")).doubleValue())
                    .max()
                    .orElseThrow();
            double highestBottom = items.stream()
                    .mapToDouble(item -> ((Number) item.get("bottom")).doubleValue())
                    .min()
                    .orElseThrow();
            assertThat(items).hasSizeGreaterThan(5);
            assertThat(lowestTop)
                    .as("every item of the header on one line: %s", items)
                    .isLessThan(highestBottom);
            browser.screenshot("header-badge");
        }
    }

    /** The list item of this person on a followers or following page. */
    private static WebElement row(ChromeDriver page, Api.User person) {
        return page.findElements(By.cssSelector("ul.people li")).stream()
                .filter(li ->
                        li.findElement(By.cssSelector(".username")).getText().equals("@" + person.username()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("@" + person.username() + " is not listed"));
    }

    /** Every post on the page is by {@code author}, shown by display name with the @username beside it. */
    private static void assertAuthor(ChromeDriver page, String displayName, Api.User author) {
        List<WebElement> authors = page.findElements(By.cssSelector(".post .author"));
        assertThat(authors).isNotEmpty();
        for (WebElement link : authors) {
            assertThat(link.findElement(By.cssSelector(".display-name")).getText())
                    .isEqualTo(displayName);
            assertThat(link.findElement(By.cssSelector(".username")).getText()).isEqualTo("@" + author.username());
        }
    }

    private void rename(Api.User user, String displayName) {
        assertThat(api.patch("/api/v1/me", Map.of("display_name", displayName), user.token())
                        .status())
                .isEqualTo(200);
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
        awaitLeft(page, before);
    }

    /** Waits until {@code before}, the root of the page that was showing, is gone: the next page replaced it. */
    private static void awaitLeft(ChromeDriver page, WebElement before) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> {
            try {
                before.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                // why: asked about a node while the page holding it is being replaced, Chromium answers this
                // instead of "stale"; the node is gone all the same
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
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
