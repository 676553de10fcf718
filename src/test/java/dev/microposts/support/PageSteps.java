package dev.microposts.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What browser tests do on the site's pages, as a person would: log in through the form, follow a link or press a
 * button and wait for the next page, wait for something to show. Failures say what the page showed instead.
 */
public final class PageSteps {

    private final ChromeDriver page;
    private final String base;

    public PageSteps(ChromeDriver page, int port) {
        this.page = page;
        this.base = "http://localhost:" + port;
    }

    public String url(String path) {
        return base + path;
    }

    public void logIn(Api.User user) {
        page.get(url("/login"));
        page.findElement(By.id("username")).sendKeys(user.username());
        page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
        navigate(page.findElement(By.cssSelector("main form button")));
        awaitUrl(url("/"));
    }

    public void awaitUrl(String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(page.getCurrentUrl())
                .as(page.findElement(By.tagName("main")).getText())
                .isEqualTo(expected));
    }

    /** Clicks something that loads another page, and waits until the browser has left this one. */
    public void navigate(WebElement target) {
        WebElement before = page.findElement(By.tagName("html"));
        target.click();
        awaitLeft(before);
    }

    /** Waits until {@code before}, the root of the page that was showing, is gone: the next page replaced it. */
    public void awaitLeft(WebElement before) {
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
    public WebElement find(String css) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(page.findElements(By.cssSelector(css)))
                .as(
                        "%s on %s showing:%n%s",
                        css,
                        page.getCurrentUrl(),
                        page.findElement(By.tagName("body")).getText())
                .isNotEmpty());
        return page.findElement(By.cssSelector(css));
    }

    /**
     * The texts of the posts on the page, top to bottom, read in one step inside the page: a live timeline may
     * replace a post between finding it and reading it, which would make a post found first and read later stale.
     */
    @SuppressWarnings("unchecked")
    public List<String> postTexts() {
        return (List<String>) page.executeScript(
                "return Array.from(document.querySelectorAll('.post .text'), text => text.innerText.trim());");
    }

    /** Sets a field's value as typing would, firing its input event; for text the driver cannot type, such as emoji. */
    public void type(WebElement field, String text) {
        page.executeScript(
                "arguments[0].value = arguments[1];"
                        + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                field,
                text);
    }
}
