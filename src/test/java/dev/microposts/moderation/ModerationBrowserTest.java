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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moderation as people see it in a real browser (headless Chromium): a reader's open page and the moderators' own. */
class ModerationBrowserTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSuspensionTakesTheAuthorsPostsOffAFollowersOpenHomePage() {
        Api.User admin = admin("mod");
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

    private Api.User admin(String prefix) {
        Api.User user = api.newUser(prefix);
        // why: as the grant-admin command does
        jdbc.sql("update users set admin = true where username = ?")
                .param(user.username())
                .update();
        return user;
    }
}
