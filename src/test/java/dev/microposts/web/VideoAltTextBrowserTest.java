package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A video's description, written in the compose box and changed on the post's edit page, is what a screen
 * reader announces for the video: its accessible name.
 */
class VideoAltTextBrowserTest extends ApiTest {

    @Test
    void theDescriptionWrittenWithThePostNamesTheVideoAndItsOwnerChangesIt(@TempDir Path directory) throws Exception {
        Api.User ivo = api.newUser("ivo");
        Path clip = new Videos(directory).h264("described.mp4", "320x240", 1, false);
        String described = "A red kite <circling> over a green hill";
        String changed = "A red kite landing on a fence post";

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(ivo);
            page.findElement(By.id("text")).sendKeys("A kite over the hill");
            page.findElement(By.id("alt_text")).sendKeys(described);
            page.findElement(By.id("video")).sendKeys(clip.toAbsolutePath().toString());
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> "ready"
                            .equals(page.executeScript("return document.getElementById('upload').dataset.stage")));
            steps.navigate(page.findElement(By.id("compose-submit")));

            WebElement video = steps.find(".post figure.video video");
            assertThat(video.getAccessibleName()).isEqualTo(described);

            steps.navigate(page.findElement(By.cssSelector(".post a.edit")));
            WebElement field = steps.find("#alt-text-1");
            assertThat(field.getDomProperty("value")).isEqualTo(described);
            assertThat(page.findElement(By.cssSelector("label[for='alt-text-1']"))
                            .getText())
                    .isEqualTo("Description of the video");
            field.clear();
            field.sendKeys(changed);
            steps.navigate(page.findElement(By.cssSelector(".video-description button")));

            assertThat(steps.find(".notice").getText()).isEqualTo("The video's description is saved.");
            assertThat(steps.find(".post figure.video video").getAccessibleName())
                    .isEqualTo(changed);
        }
    }
}
