package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Muting and blocking from a profile and undoing both from settings, in a real browser, through plain forms: what
 * the one who acts sees, and what the one blocked sees of them.
 */
class BlocksAndMutesBrowserTest extends ApiTest {

    @Test
    void aMemberMutesAndBlocksFromAProfileAndUndoesBothFromSettings() {
        Api.User ann = api.newUser("ann");
        Api.User bob = api.newUser("bob");
        long bobsPost = api.newPost(bob, "Bob talks about trains again");
        assertThat(api.put("/api/v1/me/following/" + bob.username(), null, ann.token())
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/me/timeline", ann.token()).json().findValues("id").stream()
                        .anyMatch(id -> id.asLong() == bobsPost));

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(ann);
            assertThat(steps.postTexts()).contains("Bob talks about trains again");

            page.get(steps.url("/users/" + bob.username()));
            steps.navigate(button(steps, "Mute @" + bob.username()));
            assertThat(steps.find("main .profile").getText()).contains("You muted this account");
            page.get(steps.url("/"));
            assertThat(steps.postTexts()).doesNotContain("Bob talks about trains again");

            page.get(steps.url("/users/" + bob.username()));
            steps.navigate(button(steps, "Block @" + bob.username() + " (ends follows both ways)"));
            String profile = steps.find("main").getText();
            assertThat(profile).contains("You blocked this account", "You cannot see this account's posts");
            assertThat(profile).doesNotContain("Bob talks about trains again");
            assertThat(page.findElements(By.cssSelector("button.follow"))).isEmpty();
            browser.screenshot("profile-blocked");
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            api.get("/api/v1/me/following", ann.token()).json().isEmpty());

            try (Browser other = Browser.open()) {
                ChromeDriver bobsPage = other.driver();
                PageSteps bobsSteps = new PageSteps(bobsPage, port);
                bobsSteps.logIn(bob);
                bobsPage.get(bobsSteps.url("/users/" + ann.username()));
                assertThat(bobsSteps.find("main").getText())
                        .contains("This account has blocked you", "You cannot see this account's posts");
                assertThat(bobsPage.findElements(By.cssSelector("button.follow")))
                        .isEmpty();
            }

            page.get(steps.url("/settings"));
            steps.navigate(page.findElement(By.linkText("People you blocked or muted")));
            assertThat(steps.find("main").getText()).contains("@" + bob.username());
            assertThat(steps.find("header.site").getText())
                    .as("the list is a member's page: the header shows them signed in")
                    .contains("Log out", "Settings")
                    .doesNotContain("Log in");
            browser.screenshot("settings-blocked");
            steps.navigate(button(steps, "Unblock @" + bob.username()));
            steps.awaitUrl(steps.url("/settings/blocked"));
            assertThat(steps.find("main").getText()).contains("You have not blocked anyone.");
            steps.navigate(button(steps, "Unmute @" + bob.username()));
            assertThat(steps.find("main").getText()).contains("You have not muted anyone.");
            browser.screenshot("settings-blocked-empty");

            page.get(steps.url("/users/" + bob.username()));
            assertThat(steps.postTexts()).contains("Bob talks about trains again");
            assertThat(steps.find("button.follow").getText())
                    .as("lifting a block brings no follow back")
                    .isEqualTo("Follow");
        }
    }

    private static org.openqa.selenium.WebElement button(PageSteps steps, String text) {
        return steps.find("main").findElements(By.tagName("button")).stream()
                .filter(button -> button.getText().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no button '" + text + "' in: " + steps.find("main").getText()));
    }
}
