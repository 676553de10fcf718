package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * In a real browser: a post's {@code @name} and {@code #tag} are links a reader follows to the person and to the
 * tag's page, which lists its posts newest first; markup written in a post stays text, however it is dressed.
 */
class TextLinksBrowserTest extends ApiTest {

    @Test
    void mentionsAndTagsAreLinksAndMarkupStaysText() {
        Api.User una = api.newUser("una");
        Api.User vic = api.newUser("vic");
        String tag = "Tag" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String hostile = "<script>window.pwned=1</script> @<img src=x onerror=\"window.pwned=2\">"
                + " #<b onmouseover=\"window.pwned=3\">x</b> mail una@example.com";
        String text = "Ask @" + vic.username() + " about #" + tag + ". " + hostile + " @nobody_here_at_all #";
        long older = api.newPost(una, "Older, on #" + tag.toLowerCase());
        long id = api.newPost(una, text);

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            page.get(steps.url("/users/" + una.username() + "/posts/" + id));

            WebElement shown = steps.find("#post-" + id + " .text");
            assertThat(shown.getText()).isEqualTo(text);
            assertThat(shown.findElements(By.cssSelector("script, img, b"))).isEmpty();
            assertThat(page.executeScript("return window.pwned")).isNull();
            List<WebElement> links = shown.findElements(By.tagName("a"));
            assertThat(links).extracting(WebElement::getText).containsExactly("@" + vic.username(), "#" + tag);
            assertThat(links.get(0).getDomAttribute("href")).isEqualTo("/users/" + vic.username());
            assertThat(links.get(1).getDomAttribute("href")).isEqualTo("/tags/" + tag.toLowerCase());

            steps.navigate(links.get(1));
            steps.awaitUrl(steps.url("/tags/" + tag.toLowerCase()));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("#" + tag.toLowerCase());
            assertThat(page.findElements(By.cssSelector("article.post")))
                    .extracting(post -> post.getDomAttribute("id"))
                    .containsExactly("post-" + id, "post-" + older);
            browser.screenshot("tag");

            steps.navigate(page.findElement(By.cssSelector("#post-" + id + " .text a.mention")));
            steps.awaitUrl(steps.url("/users/" + vic.username()));
            assertThat(page.findElement(By.id("profile-name")).getText()).contains("@" + vic.username());

            page.get(steps.url("/tags/2026"));
            assertThat(page.getTitle())
                    .as("no post can carry a tag of digits only")
                    .startsWith("Not found");
        }
    }

    @Test
    void searchingForATagFindsItsPosts() {
        Api.User wes = api.newUser("wes");
        String tag = "found" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        api.newPost(wes, "says " + tag + " without the mark");
        long tagged = api.newPost(wes, "carries #" + tag);

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            page.get(steps.url("/search"));
            page.findElement(By.id("q")).sendKeys("#" + tag);
            steps.navigate(page.findElement(By.cssSelector("main form button")));

            assertThat(steps.find(".timeline article.post").getDomAttribute("id"))
                    .isEqualTo("post-" + tagged);
            assertThat(page.findElements(By.cssSelector(".timeline article.post")))
                    .hasSize(1);
        }
    }
}
