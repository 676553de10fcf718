package dev.microposts.web;

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

/**
 * The conversation on the pages, in a real browser and without relying on scripts: replying from a post's page,
 * the thread above and below a post with a link to more replies, like and repost buttons with their counts, a
 * repost in a follower's timeline saying who reposted it, and the notifications they bring.
 */
class ConversationPagesBrowserTest extends ApiTest {

    @Test
    void replyLikeAndRepostFromThePages() {
        Api.User ann = api.newUser("ann");
        Api.User ben = api.newUser("ben");
        Api.User cy = api.newUser("cy");
        assertThat(api.put("/api/v1/me/following/" + ben.username(), null, cy.token())
                        .status())
                .isEqualTo(204);
        long root = api.newPost(ann, "Which ferry has the best sunset?");
        for (int i = 1; i <= 21; i++) {
            api.post("/api/v1/me/collection", Map.of("text", "early reply " + i, "in_reply_to", root), cy.token());
        }
        String rootPage = "/users/" + ann.username() + "/posts/" + root;
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(ben);

            page.get(steps.url(rootPage));
            assertThat(page.findElements(By.cssSelector(".replies .post"))).hasSize(20);
            steps.type(page.findElement(By.id("reply-text")), "The evening one, every time");
            steps.navigate(page.findElement(By.cssSelector("#reply button")));
            assertThat(steps.find(".notice").getText()).isEqualTo("Your reply is posted.");
            WebElement reply = page.findElement(By.cssSelector(".replies .post"));
            assertThat(reply.findElement(By.cssSelector(".text")).getText()).isEqualTo("The evening one, every time");
            assertThat(reply.findElement(By.cssSelector(".in-reply-to")).getText())
                    .isEqualTo("Replying to @" + ann.username());
            browser.screenshot("thread");

            // older replies are a link away; the first one is on the last page
            steps.navigate(page.findElement(By.linkText("More replies")));
            assertThat(steps.postTexts()).contains("early reply 1").doesNotContain("early reply 21");

            // the reply's own page shows the thread above it
            page.get(steps.url(rootPage));
            steps.navigate(page.findElement(By.cssSelector(".replies .post .when")));
            assertThat(page.findElement(By.cssSelector(".ancestors .post .text"))
                            .getText())
                    .isEqualTo("Which ferry has the best sunset?");

            page.get(steps.url(rootPage));
            String rootPost = "#post-" + root;
            steps.navigate(steps.find(rootPost + " button.like"));
            assertThat(steps.find(rootPost + " button.like").getText()).isEqualTo("Liked · 1");
            assertThat(steps.find(rootPost + " button.like").getAttribute("aria-pressed"))
                    .isEqualTo("true");
            steps.navigate(steps.find(rootPost + " button.like"));
            assertThat(steps.find(rootPost + " button.like").getText()).isEqualTo("Like · 0");
            steps.navigate(steps.find(rootPost + " button.like"));
            steps.navigate(steps.find(rootPost + " button.repost"));
            assertThat(steps.find(rootPost + " button.repost").getText()).isEqualTo("Reposted · 1");
            assertThat(page.getCurrentUrl()).startsWith(steps.url(rootPage));

            // cy follows ben, not ann: the post comes to cy as ben's repost, with its counts
            page.manage().deleteAllCookies();
            steps.logIn(cy);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.get(steps.url("/"));
                assertThat(page.findElements(By.cssSelector(rootPost + " .reposted-by")))
                        .isNotEmpty();
            });
            assertThat(page.findElement(By.cssSelector(rootPost + " .reposted-by"))
                            .getText())
                    .isEqualTo("Reposted by @" + ben.username());
            assertThat(page.findElement(By.cssSelector(rootPost + " button.like"))
                            .getText())
                    .isEqualTo("Like · 1");
            browser.screenshot("repost-in-timeline");
            // a like from the timeline comes back to the timeline
            steps.navigate(page.findElement(By.cssSelector(rootPost + " button.like")));
            assertThat(page.getCurrentUrl()).isEqualTo(steps.url("/#post-" + root));
            assertThat(steps.find(rootPost + " button.like").getText()).isEqualTo("Liked · 2");

            // ann hears of it all, with links to the posts
            page.manage().deleteAllCookies();
            steps.logIn(ann);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.get(steps.url("/notifications"));
                assertThat(page.findElement(By.cssSelector(".notifications")).getText())
                        .contains(
                                "@" + ben.username() + " replied to you",
                                "@" + ben.username() + " liked your post",
                                "@" + ben.username() + " reposted your post",
                                "@" + cy.username() + " liked your post");
            });
            browser.screenshot("conversation-notifications");
            WebElement liked = page.findElements(By.cssSelector(".notifications li")).stream()
                    .filter(li -> li.getText().contains("liked your post"))
                    .findFirst()
                    .orElseThrow();
            steps.navigate(liked.findElement(By.cssSelector("a.post-link")));
            assertThat(page.getCurrentUrl()).isEqualTo(steps.url(rootPage));
        }
    }

    @Test
    void signedOutReadersSeeTheCountsButNoButtons() {
        Api.User dan = api.newUser("dan");
        long post = api.newPost(dan, "count me");
        Api.User eve = api.newUser("eve");
        api.put("/api/v1/users/" + dan.username() + "/collection/" + post + "/like", null, eve.token());
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            page.get(steps.url("/users/" + dan.username() + "/posts/" + post));
            assertThat(steps.find("#post-" + post + " .likes").getText()).isEqualTo("1 like");
            assertThat(page.findElements(By.cssSelector("button.like"))).isEmpty();
            assertThat(page.findElements(By.id("reply-text"))).isEmpty();
        }
    }
}
