package dev.microposts.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.OwnDataDirectory;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Uploads left on no post, against an application that keeps them for seconds instead of a day. A context of
 * its own: the short retention would purge the drafts other test classes take their time to post.
 */
@TestPropertySource(properties = {"microposts.media.draft-retention=5s", "microposts.media.draft-purge-interval=1s"})
@OwnDataDirectory
class MediaRetentionAttacksTest extends ApiTest {

    @Autowired
    Storage storage;

    @Test
    @DisplayName("Uploads never put on a post are purged after the retention, files and all; posted ones stay")
    void abandonedUploadsArePurged(@TempDir Path videos) throws Exception {
        Api.User member = api.newUser("hoarder");
        Path clip = new Videos(videos).h264("clip.mp4", "160x120", 1, false);
        String posted = upload(member, clip);
        Api.Response post =
                api.post("/api/v1/me/collection", Map.of("text", "kept", "media_ids", List.of(posted)), member.token());
        assertThat(post.status()).as(post.body()).isEqualTo(201);
        String abandoned = upload(member, clip);
        assertThat(api.get("/api/v1/media/" + abandoned, member.token()).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(api.get("/api/v1/media/" + abandoned, member.token())
                                    .status())
                            .isEqualTo(404);
                    assertThat(storage.list("media/" + abandoned + "/")).isEmpty();
                });
        assertThat(api.get("/api/v1/media/" + posted, member.token()).status()).isEqualTo(200);
        assertThat(storage.list("media/" + posted + "/")).isNotEmpty();
    }

    private String upload(Api.User owner, Path video) throws Exception {
        Api.Response uploaded = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(video)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
        return uploaded.json().path("id").asString();
    }
}
