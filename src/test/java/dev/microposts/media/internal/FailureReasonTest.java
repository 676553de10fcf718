package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.ops.AdminCommand;
import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Why a video failed is its owner's to read: the reason can say what the file really was. Anyone may poll a
 * video by its id and see that it failed, but only its owner, in the API and on the pages, reads why.
 */
class FailureReasonTest extends ApiTest {

    private static final String REASON = "This is a PDF document, not a video file.";

    @Autowired
    List<AdminCommand> commands;

    @Autowired
    MediaStore store;

    @Autowired
    Storage storage;

    @Test
    void onlyTheOwnerReadsWhyAVideoFailed(@TempDir Path directory) throws Exception {
        Api.User owner = api.newUser("owner");
        Api.User other = api.newUser("other");
        Path dir = directory;
        String id = upload(owner, Files.write(dir.resolve("report.pdf"), Videos.pdf()));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> media(id, owner.token()).path("status").asString(), "failed"::equals);

        assertThat(media(id, owner.token()).path("reason").asString()).isEqualTo(REASON);
        // why: on no post, the upload is its owner's alone; strangers learn nothing of it, not even that it failed
        for (String stranger : new String[] {other.token(), null}) {
            var seen = api.get("/api/v1/media/" + id, stranger);
            assertThat(seen.status()).isEqualTo(404);
            assertThat(seen.body()).doesNotContain("PDF").doesNotContain("failed");
        }
    }

    @Test
    void aPublishedPostWhoseVideoFailsOnReprocessingShowsWhyToItsAuthorOnly(@TempDir Path directory) throws Exception {
        Api.User author = api.newUser("author");
        Api.User reader = api.newUser("reader");
        Path clip = new Videos(directory).h264("reprocessed.mp4", "320x240", 1, false);
        String id = upload(author, clip);
        var created = api.post(
                "/api/v1/me/collection",
                Map.of("text", "A clip I will regret", "media_ids", List.of(id)),
                author.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long postId = created.json().path("id").asLong();
        String postPath = "/api/v1/users/" + author.username() + "/collection/" + postId;
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(postPath, null).status() == 200);

        // the stored source is lost and replaced by something else; the operator runs the video again
        Path replaced = Files.write(directory.resolve("source"), Videos.pdf());
        storage.put(store.find(java.util.UUID.fromString(id)).orElseThrow().sourceKey(), replaced, "application/pdf");
        AdminCommand reprocess = commands.stream()
                .filter(command -> command.name().equals("media-reprocess"))
                .findFirst()
                .orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(reprocess.run(List.of(id), new BufferedReader(new StringReader("")), new PrintStream(out, true)))
                .as(out.toString())
                .isZero();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> media(id, author.token()).path("status").asString(), "failed"::equals);

        JsonNode asAuthor =
                api.get(postPath, author.token()).json().path("media").get(0);
        assertThat(asAuthor.path("reason").asString()).isEqualTo(REASON);
        for (String stranger : new String[] {reader.token(), null}) {
            var post = api.get(postPath, stranger);
            assertThat(post.status()).isEqualTo(200);
            JsonNode video = post.json().path("media").get(0);
            assertThat(video.path("status").asString()).isEqualTo("failed");
            assertThat(video.hasNonNull("reason")).as(video.toString()).isFalse();
        }

        String page = "/users/" + author.username() + "/posts/" + postId;
        String anonymous = api.get(page, null).body();
        assertThat(anonymous).contains("This video could not be processed.").doesNotContain(REASON);
        try (Browser browser = Browser.open()) {
            ChromeDriver driver = browser.driver();
            logIn(driver, reader);
            driver.get(api.base() + page);
            assertThat(driver.findElement(By.cssSelector(".post figure.video .status"))
                            .getText())
                    .isEqualTo("This video could not be processed.");
        }
        try (Browser browser = Browser.open()) {
            ChromeDriver driver = browser.driver();
            logIn(driver, author);
            driver.get(api.base() + page);
            assertThat(driver.findElement(By.cssSelector(".post figure.video .status"))
                            .getText())
                    .isEqualTo("This video could not be processed: " + REASON);
        }
    }

    private String upload(Api.User owner, Path file) throws Exception {
        var response = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("id").asString();
    }

    private JsonNode media(String id, String token) {
        var response = api.get("/api/v1/media/" + id, token);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private void logIn(ChromeDriver page, Api.User user) {
        page.get(api.base() + "/login");
        page.findElement(By.id("username")).sendKeys(user.username());
        page.findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
        page.findElement(By.cssSelector("main form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> page.getCurrentUrl().equals(api.base() + "/"));
    }
}
