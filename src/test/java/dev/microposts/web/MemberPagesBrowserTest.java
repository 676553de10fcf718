package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Value;

/**
 * What a member does on the pages from day to day, in a real browser (headless Chromium): new posts from people they
 * follow arrive while they read, notifications lead to their posts and are read once seen, a post is edited without
 * losing anyone's words, and the compose box counts down to the server's limit.
 */
class MemberPagesBrowserTest extends ApiTest {

    @Value("${microposts.posts.max-length}")
    int maxLength;

    @Test
    void newPostsWaitInABarOverTheTimelineUntilTheReaderShowsThem() {
        Api.User reader = api.newUser("reader");
        Api.User writer = api.newUser("writer");
        assertThat(api.put("/api/v1/me/following/" + writer.username(), null, reader.token())
                        .status())
                .isEqualTo(204);
        api.newPost(reader, "My own post, on the page already");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(reader);
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected"
                    .equals(page.findElement(By.id("timeline")).getDomAttribute("data-live")));
            WebElement bar = page.findElement(By.id("new-posts"));
            assertThat(bar.isDisplayed()).isFalse();
            WebElement reading = page.findElement(By.cssSelector("#timeline article.post"));
            double readingAt = top(page, reading);

            api.newPost(writer, "First news while you read");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> bar.isDisplayed() && bar.getText().equals("1 new post"));
            api.newPost(writer, "Second news while you read");
            await().atMost(Duration.ofSeconds(15)).until(() -> bar.getText().equals("2 new posts"));
            browser.screenshot("home-new-posts");
            assertThat(steps.postTexts())
                    .as("shown only when asked")
                    .containsExactly("My own post, on the page already");
            assertThat(top(page, reading))
                    .as("the bar moves nothing on the page")
                    .isEqualTo(readingAt);

            bar.click();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(steps.postTexts())
                    .containsExactly(
                            "Second news while you read",
                            "First news while you read",
                            "My own post, on the page already"));
            assertThat(bar.isDisplayed()).isFalse();
            assertThat(page.findElement(By.cssSelector("#timeline article.post .author"))
                            .getText())
                    .as("the page's own markup, with the author's name and link")
                    .isEqualTo(writer.username() + " @" + writer.username());

            // a post deleted before it is shown is no longer counted
            long deleted = api.newPost(writer, "Posted in haste");
            await().atMost(Duration.ofSeconds(15)).until(() -> bar.getText().equals("1 new post"));
            assertThat(api.delete("/api/v1/me/collection/" + deleted, writer.token())
                            .status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(15)).until(() -> !bar.isDisplayed());
        }
    }

    private static double top(ChromeDriver page, WebElement element) {
        return ((Number) page.executeScript("return arguments[0].getBoundingClientRect().top", element)).doubleValue();
    }

    @Test
    void notificationsLinkToTheirPostsAndOpeningThemMarksThemRead(@TempDir Path directory) throws Exception {
        Api.User erin = api.newUser("erin");
        Api.User frank = api.newUser("frank");
        Api.User grace = api.newUser("grace");
        Path clip = new Videos(directory).h264("notified.mp4", "320x240", 1, false);
        var upload = api.send(api.request("/api/v1/media", erin.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        var videoPost = api.post(
                "/api/v1/me/collection",
                Map.of(
                        "text",
                        "A clip of mine",
                        "media_ids",
                        List.of(upload.json().path("id").asString())),
                erin.token());
        assertThat(videoPost.status()).as(videoPost.body()).isEqualTo(201);
        long videoPostId = videoPost.json().path("id").asLong();
        var mention = api.post(
                "/api/v1/me/collection", Map.of("text", "Hello there", "referenced", erin.username()), frank.token());
        assertThat(mention.status()).as(mention.body()).isEqualTo(201);
        long mentionId = mention.json().path("id").asLong();
        await().atMost(Duration.ofSeconds(90)).until(() -> unread(erin) == 2);
        assertThat(api.get("/api/v1/me/notifications", erin.token()).json().valueStream())
                .as("the API links the video's notification to its post too")
                .anyMatch(n -> n.path("kind").asString().equals("video_ready")
                        && n.path("post")
                                .asString()
                                .endsWith("/users/" + erin.username() + "/collection/" + videoPostId));

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(erin);
            assertThat(page.findElement(By.cssSelector("header .badge")).getText())
                    .isEqualTo("2");
            steps.navigate(page.findElement(By.cssSelector("header a[href='/notifications']")));

            assertThat(page.findElements(By.cssSelector("header .badge")))
                    .as("no unread badge once they are shown")
                    .isEmpty();
            assertThat(page.findElements(By.cssSelector("ul.notifications li.unread")))
                    .as("this view still marks what was new")
                    .hasSize(2);
            assertThat(page.findElement(By.cssSelector("ul.notifications a.post-link"))
                            .getDomAttribute("href"))
                    .isEqualTo("/users/" + erin.username() + "/posts/" + videoPostId);
            assertThat(page.findElement(By.partialLinkText("a post")).getDomAttribute("href"))
                    .isEqualTo("/users/" + frank.username() + "/posts/" + mentionId);
            assertThat(unread(erin)).isZero();
            browser.screenshot("notifications");

            steps.navigate(page.findElement(By.cssSelector("ul.notifications a.post-link")));
            assertThat(steps.postTexts()).containsExactly("A clip of mine");

            // one that arrives after the page was opened stays unread
            assertThat(api.put("/api/v1/me/following/" + erin.username(), null, grace.token())
                            .status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(15)).until(() -> unread(erin) == 1);
            page.get(steps.url("/"));
            assertThat(steps.find("header .badge").getText()).isEqualTo("1");
            assertThat(api.get("/api/v1/me/notifications?unread=true", erin.token())
                            .json()
                            .get(0)
                            .path("actor")
                            .asString())
                    .isEqualTo(grace.username());
        }
    }

    private long unread(Api.User user) {
        return api.get("/api/v1/me/notifications/unread-count", user.token())
                .json()
                .path("unread")
                .asLong();
    }

    @Test
    void theAuthorEditsAPostOnThePageAndAConflictingEditLosesNothing() {
        Api.User hana = api.newUser("hana");
        Api.User ivan = api.newUser("ivan");
        long id = api.newPost(hana, "Frist draft");
        long ivans = api.newPost(ivan, "Not yours to edit");
        String href = "/users/" + hana.username() + "/posts/" + id;
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(hana);
            steps.navigate(page.findElement(By.cssSelector("#post-" + id + " a.edit")));
            steps.awaitUrl(steps.url(href + "/edit"));
            WebElement text = page.findElement(By.id("text"));
            assertThat(text.getDomProperty("value")).isEqualTo("Frist draft");
            text.clear();
            text.sendKeys("First draft, fixed");
            steps.navigate(page.findElement(By.cssSelector("#edit-form button[type=submit]")));
            steps.awaitUrl(steps.url(href));
            assertThat(page.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Your post is saved.");
            assertThat(steps.postTexts()).containsExactly("First draft, fixed");
            assertThat(page.findElement(By.cssSelector(".post .edited")).isDisplayed())
                    .isTrue();

            // the post changes elsewhere while the form is open
            page.get(steps.url(href + "/edit"));
            assertThat(api.patch("/api/v1/me/collection/" + id, Map.of("text", "Changed from my phone"), hana.token())
                            .status())
                    .isEqualTo(200);
            text = page.findElement(By.id("text"));
            text.clear();
            text.sendKeys("Changed from the browser");
            steps.navigate(page.findElement(By.cssSelector("#edit-form button[type=submit]")));
            assertThat(page.findElement(By.cssSelector("main .error")).getText())
                    .contains("changed somewhere else");
            assertThat(page.findElement(By.id("current-text")).getText()).isEqualTo("Changed from my phone");
            assertThat(page.findElement(By.id("text")).getDomProperty("value"))
                    .as("the browser's text is kept")
                    .isEqualTo("Changed from the browser");
            assertThat(postText(hana, id))
                    .as("and did not overwrite the other edit")
                    .isEqualTo("Changed from my phone");
            browser.screenshot("edit-conflict");

            // saving again, having seen the other version, replaces it
            steps.navigate(page.findElement(By.cssSelector("#edit-form button[type=submit]")));
            steps.awaitUrl(steps.url(href));
            assertThat(postText(hana, id)).isEqualTo("Changed from the browser");

            // a refused text comes back with the reason, the text kept
            page.get(steps.url(href + "/edit"));
            steps.type(page.findElement(By.id("text")), "   ");
            page.executeScript("document.getElementById('edit-form').submit()");
            assertThat(steps.find("main .error").getText()).isEqualTo("must not be blank");
            assertThat(postText(hana, id)).isEqualTo("Changed from the browser");

            // deleted elsewhere while the form is open: the text stays on the page, to be posted anew
            page.get(steps.url(href + "/edit"));
            assertThat(api.delete("/api/v1/me/collection/" + id, hana.token()).status())
                    .isEqualTo(204);
            text = page.findElement(By.id("text"));
            text.clear();
            text.sendKeys("Worth keeping");
            steps.navigate(page.findElement(By.cssSelector("#edit-form button[type=submit]")));
            assertThat(page.findElement(By.cssSelector("main .error")).getText())
                    .contains("deleted while you were editing");
            assertThat(page.findElement(By.id("text")).getDomProperty("value")).isEqualTo("Worth keeping");
            steps.navigate(page.findElement(By.cssSelector("#edit-form button[type=submit]")));
            steps.awaitUrl(steps.url("/"));
            assertThat(steps.postTexts()).containsExactly("Worth keeping");

            // someone else's post has no Edit, and its form is refused
            page.get(steps.url("/users/" + ivan.username() + "/posts/" + ivans));
            assertThat(page.findElements(By.cssSelector(".post a.edit"))).isEmpty();
            page.get(steps.url("/users/" + ivan.username() + "/posts/" + ivans + "/edit"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("You cannot do that");
        }
        assertThat(postText(ivan, ivans)).isEqualTo("Not yours to edit");
    }

    private String postText(Api.User author, long id) {
        return api.get("/api/v1/users/" + author.username() + "/collection/" + id)
                .json()
                .path("text")
                .asString();
    }

    @Test
    void theComposeBoxCountsDownToTheServersLimit() {
        Api.User judy = api.newUser("judy");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(judy);
            WebElement text = page.findElement(By.id("text"));
            WebElement counter = page.findElement(By.id("text-counter"));
            assertThat(counter.getText()).isEqualTo(maxLength + " characters left");

            text.sendKeys("Hello");
            assertThat(counter.getText()).isEqualTo((maxLength - 5) + " characters left");
            steps.type(text, "Hello \uD83D\uDC4B");
            assertThat(counter.getText())
                    .as("an emoji is one character, as the server counts")
                    .isEqualTo((maxLength - 7) + " characters left");
            assertThat(counter.getDomAttribute("data-state")).isEqualTo("ok");

            steps.type(text, "x".repeat(maxLength - 5));
            assertThat(counter.getText()).isEqualTo("5 characters left");
            assertThat(counter.getDomAttribute("data-state")).isEqualTo("near");

            String tooLong = "x".repeat(maxLength + 1);
            steps.type(text, tooLong);
            assertThat(counter.getText()).isEqualTo("1 character too many");
            assertThat(counter.getDomAttribute("data-state")).isEqualTo("over");
            assertThat(counter.getCssValue("color"))
                    .isNotEqualTo(
                            page.findElement(By.cssSelector("label[for=text]")).getCssValue("color"));
            browser.screenshot("compose-too-long");
            page.findElement(By.id("compose-submit")).click();
            assertThat((String) page.executeScript("return document.getElementById('text').validationMessage"))
                    .as("the form does not go")
                    .contains("1 character too long");

            // the server refuses it too, when the page's check is bypassed, and keeps the text
            page.executeScript("document.getElementById('compose-form').submit()");
            assertThat(steps.find("#compose .error").getText())
                    .isEqualTo("Your post must be at most " + maxLength + " characters.");
            assertThat(page.findElement(By.id("text")).getDomProperty("value")).isEqualTo(tooLong);
            assertThat(api.get("/api/v1/users/" + judy.username() + "/collection")
                            .json())
                    .as("nothing was posted")
                    .isEmpty();

            // line breaks count once, on the page and on the server, though the form sends them as CR LF
            String lines = "x".repeat(maxLength - 10) + "\n".repeat(10);
            steps.type(page.findElement(By.id("text")), lines);
            assertThat(page.findElement(By.id("text-counter")).getText()).isEqualTo("0 characters left");
            steps.navigate(page.findElement(By.id("compose-submit")));
            assertThat(steps.find("#compose .notice").getText()).isEqualTo("Posted.");
        }
        assertThat(api.get("/api/v1/users/" + judy.username() + "/collection")
                        .json()
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("x".repeat(maxLength - 10) + "\n".repeat(10));
    }
}
