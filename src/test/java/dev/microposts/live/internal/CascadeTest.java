package dev.microposts.live.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.SseClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole cascade through the bus: a video is uploaded and posted → the video becomes ready → the post is
 * published → it reaches the followers' materialized timelines → the author and the referenced user are notified →
 * a follower's live stream shows the post, the author's shows the video and the notification. A stream that
 * reconnects with {@code Last-Event-ID} gets what it missed.
 */
class CascadeTest extends ApiTest {

    @Test
    void aVideoPostCascadesToTimelinesNotificationsAndLiveStreams(@TempDir Path directory) throws Exception {
        Api.User author = api.newUser("cascade");
        Api.User follower = api.newUser("watcher");
        Api.User referenced = api.newUser("named");
        assertThat(api.put("/api/v1/me/following/" + author.username(), null, follower.token())
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(author).contains("followed"));

        Path clip = new Videos(directory).h264("cascade.mp4", "640x360", 1, true);
        try (SseClient followerStream = SseClient.connect(port, follower.token());
                SseClient authorStream = SseClient.connect(port, author.token())) {
            var upload = api.send(api.request("/api/v1/media", author.token())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(clip)));
            assertThat(upload.status()).as(upload.body()).isEqualTo(202);
            String mediaId = upload.json().path("id").asString();
            var created = api.post(
                    "/api/v1/me/collection",
                    Map.of("text", "watch this", "referenced", referenced.username(), "media_ids", List.of(mediaId)),
                    author.token());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long postId = created.json().path("id").asLong();
            // until the video is ready, the post is the author's alone
            assertThat(ids(api.get("/api/v1/me/timeline", follower.token()).json()))
                    .doesNotContain(postId);

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ids(api.get("/api/v1/me/timeline", follower.token())
                                    .json())
                            .contains(postId));
            await().atMost(Duration.ofSeconds(10)).until(() -> kinds(author).contains("video_ready"));
            await().atMost(Duration.ofSeconds(10)).until(() -> kinds(referenced).contains("referenced"));
            JsonNode mention = api.get("/api/v1/me/notifications", referenced.token())
                    .json()
                    .get(0);
            assertThat(mention.path("actor").asString()).isEqualTo(author.username());
            assertThat(mention.path("post").asString()).endsWith("/collection/" + postId);

            await().atMost(Duration.ofSeconds(10)).until(() -> followerStream.events().stream()
                    .anyMatch(e -> e.name().equals("timeline") && e.data().contains("\"post_id\":" + postId)));
            await().atMost(Duration.ofSeconds(10)).until(() -> authorStream.events().stream()
                    .anyMatch(e -> e.name().equals("media") && e.data().contains(mediaId)));
            await().atMost(Duration.ofSeconds(10)).until(() -> authorStream.events().stream()
                    .anyMatch(e -> e.name().equals("notification") && e.data().contains("video_ready")));
            // nothing that is not theirs: the follower sees no one's media
            assertThat(followerStream.events()).noneMatch(e -> e.name().equals("media"));

            // and the post's page plays it: the thumbnail as poster, a choice of every rendition
            var page = api.send(api.request("/users/" + author.username() + "/posts/" + postId, null)
                    .header("Accept", "text/html")
                    .GET());
            assertThat(page.status()).isEqualTo(200);
            int renditions = api.get("/api/v1/media/" + mediaId)
                    .json()
                    .path("renditions")
                    .size();
            assertThat(page.body()).contains("<video", "poster=\"/media/" + mediaId, "watch this");
            assertThat(page.body().split("<option ", -1)).hasSize(renditions + 1);

            // the follower goes away; meanwhile the author posts again; the reconnect replays it
            String lastSeen = followerStream
                    .events()
                    .get(followerStream.events().size() - 1)
                    .id();
            followerStream.close();
            long missed = api.newPost(author, "while you were away");
            try (SseClient resumed = SseClient.resume(port, follower.token(), lastSeen)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().stream()
                        .anyMatch(e -> e.data().contains("\"post_id\":" + missed)));
                assertThat(resumed.events()).noneMatch(e -> e.id().equals(lastSeen));
            }
        }

        // mark as read: one, then all
        long first = api.get("/api/v1/me/notifications", author.token())
                .json()
                .get(0)
                .path("id")
                .asLong();
        assertThat(api.put("/api/v1/me/notifications/" + first + "/read", null, author.token())
                        .status())
                .isEqualTo(204);
        assertThat(api.put("/api/v1/me/notifications/999999999/read", null, author.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/me/notifications/read", Map.of(), author.token())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/me/notifications/unread-count", author.token())
                        .json()
                        .path("unread")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/v1/me/notifications?unread=true", author.token())
                        .json())
                .isEmpty();
        assertThat(api.get("/api/v1/me/notifications", null).status()).isEqualTo(401);
    }

    private List<String> kinds(Api.User user) {
        return api.get("/api/v1/me/notifications", user.token())
                .json()
                .valueStream()
                .map(n -> n.path("kind").asString())
                .toList();
    }

    private static List<Long> ids(JsonNode posts) {
        return posts.valueStream().map(p -> p.path("id").asLong()).toList();
    }
}
