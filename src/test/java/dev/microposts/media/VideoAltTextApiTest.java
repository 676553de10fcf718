package dev.microposts.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A video's description for people who cannot see it ({@code alt_text}): given with the upload or later, changed
 * or removed by its owner only, checked like any text a member writes, and shown wherever the video is.
 */
class VideoAltTextApiTest extends ApiTest {

    @Test
    void theOwnerDescribesAVideoChangesItAndRemovesIt() {
        Api.User ada = api.newUser("ada");
        String id = rawUpload(ada);
        String href = "/api/v1/media/" + id;
        assertThat(api.get(href, ada.token()).json().get("alt_text").isNull()).isTrue();

        Api.Response described = api.patch(
                href, Map.of("alt_text", "A cat <b>asleep</b> on a keyboard, its paw on the space bar"), ada.token());
        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        assertThat(described.json().get("alt_text").asString())
                .isEqualTo("A cat <b>asleep</b> on a keyboard, its paw on the space bar");
        assertThat(api.get(href, ada.token()).json().get("alt_text").asString()).startsWith("A cat");

        Map<String, Object> none = new HashMap<>();
        none.put("alt_text", null);
        Api.Response removed = api.patch(href, none, ada.token());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().get("alt_text").isNull()).isTrue();
        assertThat(api.patch(href, Map.of("alt_text", "  "), ada.token())
                        .json()
                        .get("alt_text")
                        .isNull())
                .as("blank is none")
                .isTrue();
    }

    @Test
    void aDescriptionIsCheckedLikeAnyTextAMemberWrites() {
        Api.User bea = api.newUser("bea");
        String href = "/api/v1/media/" + rawUpload(bea);

        assertThat(api.patch(href, Map.of("alt_text", "é".repeat(MediaView.MAX_ALT_TEXT)), bea.token())
                        .status())
                .isEqualTo(200);
        for (Object body : List.of(
                Map.of("alt_text", "x".repeat(MediaView.MAX_ALT_TEXT + 1)),
                Map.of("alt_text", "nul \u0000 inside"),
                Map.of("alt_text", 42),
                Map.of("caption", "an unknown field"),
                "[]")) {
            Api.Response refused = api.patch(href, body, bea.token());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get(href, bea.token()).json().get("alt_text").asString())
                .as("unchanged by what was refused")
                .hasSize(MediaView.MAX_ALT_TEXT);
    }

    @Test
    void nobodyButTheOwnerDescribesAVideo(@TempDir Path directory) throws Exception {
        Api.User cal = api.newUser("cal");
        Api.User dot = api.newUser("dot");
        String draft = rawUpload(cal);
        Path clip = new Videos(directory).h264("described.mp4", "320x240", 1, false);
        String posted = upload(cal, clip, null);
        api.awaitMediaReady(cal, posted, Duration.ofSeconds(90));
        var post =
                api.post("/api/v1/me/collection", Map.of("text", "a clip", "media_ids", List.of(posted)), cal.token());
        assertThat(post.status()).as(post.toString()).isEqualTo(201);

        Api.Response onAPost = api.patch("/api/v1/media/" + posted, Map.of("alt_text", "mine now"), dot.token());
        assertThat(onAPost.status()).as(onAPost.toString()).isEqualTo(403);
        assertThat(onAPost.contentType()).startsWith("application/problem+json");
        Api.Response aDraft = api.patch("/api/v1/media/" + draft, Map.of("alt_text", "mine now"), dot.token());
        assertThat(aDraft.status())
                .as("someone else's draft is not confirmed to exist")
                .isEqualTo(404);
        assertThat(aDraft.contentType()).startsWith("application/problem+json");
        assertThat(api.patch("/api/v1/media/" + posted, Map.of("alt_text", "anyone"), null)
                        .status())
                .isEqualTo(401);
        assertThat(api.patch("/api/v1/media/not-an-id", Map.of("alt_text", "x"), cal.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/media/" + posted).json().get("alt_text").isNull())
                .isTrue();
    }

    @Test
    void aDescriptionGivenWithTheUploadIsOnThePostsVideo(@TempDir Path directory) throws Exception {
        Api.User eda = api.newUser("eda");
        Path clip = new Videos(directory).h264("with-alt.mp4", "320x240", 1, false);

        String id = upload(eda, clip, "Waves breaking on a pebble beach at dusk");
        api.awaitMediaReady(eda, id, Duration.ofSeconds(90));
        var post = api.post("/api/v1/me/collection", Map.of("text", "the sea", "media_ids", List.of(id)), eda.token());

        assertThat(post.json().at("/media/0/alt_text").asString())
                .isEqualTo("Waves breaking on a pebble beach at dusk");
        assertThat(api.get(post.json().get("href").asString())
                        .json()
                        .at("/media/0/alt_text")
                        .asString())
                .isEqualTo("Waves breaking on a pebble beach at dusk");

        Api.Response tooLong = multipart(eda, clip, "x".repeat(MediaView.MAX_ALT_TEXT + 1));
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    }

    private String rawUpload(Api.User owner) {
        Api.Response upload = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("not really a video, which is enough to describe")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        return upload.json().get("id").asString();
    }

    private String upload(Api.User owner, Path clip, String altText) throws Exception {
        Api.Response upload = multipart(owner, clip, altText);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        JsonNode item = upload.json();
        if (altText != null) {
            assertThat(item.get("alt_text").asString()).isEqualTo(altText);
        }
        return item.get("id").asString();
    }

    private Api.Response multipart(Api.User owner, Path clip, String altText) throws Exception {
        String boundary = "----alt" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        if (altText != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt_text\"\r\n"
                            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + altText + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.mp4\""
                        + "\r\nContent-Type: video/mp4\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(clip));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }
}
