package dev.microposts.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Moderation as people see it in a real browser (headless Chromium): a reader's open page and the moderators' own. */
class ModerationBrowserTest extends ApiTest {

    @Test
    void aSuspensionTakesTheAuthorsPostsOffAFollowersOpenHomePage() {
        Api.User admin = newAdmin("mod");
        Api.User reader = api.newUser("reader");
        Api.User writer = api.newUser("writer");
        Api.User friend = api.newUser("friend");
        for (Api.User followed : new Api.User[] {writer, friend}) {
            assertThat(api.put("/api/v1/me/following/" + followed.username(), null, reader.token())
                            .status())
                    .isEqualTo(204);
        }
        long shown = api.newPost(writer, "Shown spam");
        api.newPost(friend, "A friend's post stays");
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        api.get("/api/v1/me/timeline", reader.token()).json().size() == 2);
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(reader);
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected"
                    .equals(page.findElement(By.id("timeline")).getDomAttribute("data-live")));
            assertThat(steps.postTexts()).containsExactly("A friend's post stays", "Shown spam");
            WebElement bar = page.findElement(By.id("new-posts"));
            api.newPost(writer, "Waiting spam");
            await().atMost(Duration.ofSeconds(15)).until(() -> bar.getText().equals("1 new post"));

            assertThat(api.put(
                                    "/api/v1/admin/users/" + writer.username() + "/suspension",
                                    Map.of("reason", "Spam"),
                                    admin.token())
                            .status())
                    .isEqualTo(204);

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(steps.postTexts()).containsExactly("A friend's post stays"));
            assertThat(bar.isDisplayed())
                    .as("the waiting post is no longer counted")
                    .isFalse();
            assertThat(page.findElements(By.id("post-" + shown))).isEmpty();
            browser.screenshot("home-after-suspension");

            page.navigate().refresh();
            assertThat(steps.postTexts()).as("after a reload too").containsExactly("A friend's post stays");
        }
    }

    @Test
    void aMemberReportsAndAModeratorActsFromTheModerationPage() {
        Api.User admin = newAdmin("mod");
        Api.User reporter = api.newUser("reporter");
        Api.User spammer = api.newUser("spammer");
        Api.User rude = api.newUser("rude");
        api.newPost(spammer, "Cheap watches here");
        long rudePost = api.newPost(rude, "You are all fools");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(reporter);

            page.get(steps.url("/users/" + rude.username() + "/posts/" + rudePost));
            steps.navigate(steps.find("article.post a.report"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Report a post by @" + rude.username());
            page.findElement(By.id("reason")).sendKeys("Insults everyone");
            steps.navigate(page.findElement(By.cssSelector("#report-form button")));
            assertThat(steps.find("main .notice").getText()).contains("with the moderators");

            page.get(steps.url("/users/" + spammer.username()));
            steps.navigate(steps.find(".profile a.report"));
            page.findElement(By.id("reason")).sendKeys("Sells watches to everyone");
            steps.navigate(page.findElement(By.cssSelector("#report-form button")));
            browser.screenshot("report-sent");

            page.manage().deleteAllCookies();
            steps.logIn(admin);
            page.get(steps.url("/admin"));
            steps.navigate(steps.find("a[href='/admin/moderation']"));
            WebElement spamReport = row(page, "Sells watches to everyone");
            assertThat(spamReport.getText()).contains("@" + spammer.username(), "@" + reporter.username());
            browser.screenshot("moderation");
            act(steps, page, spamReport, "/suspension", "Spam account");
            assertThat(steps.find("main .notice").getText()).isEqualTo("@" + spammer.username() + " is suspended.");
            assertThat(page.findElement(By.id("suspended")).getText()).contains("@" + spammer.username());
            assertThat(page.findElement(By.id("audit-log")).getText()).contains("suspend", "Spam account");
            assertThat(api.get("/api/v1/me", spammer.token()).status()).isEqualTo(401);

            act(steps, page, row(page, "Insults everyone"), "/removal", "Insults");
            assertThat(steps.find("main .notice").getText()).isEqualTo("The post is removed.");
            assertThat(page.findElements(By.cssSelector("#reports tr")))
                    .as("no report left open")
                    .isEmpty();
            assertThat(api.get("/api/v1/users/" + rude.username() + "/collection/" + rudePost, null)
                            .status())
                    .isEqualTo(404);

            WebElement lift = page.findElement(By.id("suspended-" + spammer.username()));
            lift.findElement(By.name("reason")).sendKeys("Appealed");
            steps.navigate(lift.findElement(By.tagName("button")));
            assertThat(steps.find("main .notice").getText())
                    .isEqualTo("@" + spammer.username() + " is no longer suspended.");
            assertThat(page.findElement(By.id("audit-log")).getText()).contains("unsuspend", "Appealed");
        }
    }

    @Test
    void onlyAdminsSeeTheModerationPage() {
        Api.User member = api.newUser("member");
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(member);
            page.get(steps.url("/admin/moderation"));
            assertThat(page.findElement(By.tagName("main")).getText()).doesNotContain("Open reports");
        }
    }

    private static WebElement row(ChromeDriver page, String reason) {
        return page.findElements(By.cssSelector("#reports tbody tr")).stream()
                .filter(row -> row.getText().contains(reason))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open report saying " + reason));
    }

    /** Fills the reason of the row's form whose address ends with {@code action} and sends it. */
    private static void act(PageSteps steps, ChromeDriver page, WebElement row, String action, String reason) {
        WebElement form = row.findElements(By.tagName("form")).stream()
                .filter(f -> f.getDomAttribute("action").endsWith(action))
                .findFirst()
                .orElseThrow();
        form.findElement(By.name("reason")).sendKeys(reason);
        steps.navigate(form.findElement(By.tagName("button")));
    }
}
