package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.tasks.DeadLetters;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A file that is not a video is its owner's mistake, not the operators' problem: it ends {@code failed} with a
 * reason that says what the file is, after one attempt, and nothing of it reaches the dead-letter queue (which
 * would fire the {@code dead-letters} alert and offer the operators a Retry that could not help).
 */
class NotAVideoTest extends ApiTest {

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFileThatIsNotAVideoFailsForItsOwnerWithoutRetriesOrDeadLetters(@TempDir Path directory) throws Exception {
        Path dir = directory;
        Api.User owner = api.newUser("mistaken");
        Path whole = new Videos(dir).h264("whole.mp4", "640x360", 2, true);
        byte[] video = Files.readAllBytes(whole);
        byte[] noise = new byte[200_000];
        new Random(11).nextBytes(noise);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("This is a PDF document, not a video file.", Videos.pdf());
        files.put("This is not a video file, or it is too damaged to read.", noise);
        files.put(
                "This video file is damaged or incomplete, so it cannot be read.",
                Arrays.copyOf(video, video.length / 2));
        files.put(
                "This is a picture, not a video file.",
                Files.readAllBytes(new Videos(dir)
                        .make("photo.jpg", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1")));
        files.put(
                "This is a text file, not a video file.",
                "my holiday notes\n".repeat(50).getBytes());

        String probes = "queue=\"probe\"";
        double failedBefore = api.metricTotal("microposts_tasks_total", probes, "outcome=\"failed\"");
        double gaveUpBefore = api.metricTotal("microposts_tasks_total", probes, "outcome=\"gave_up\"");
        double retriedBefore = api.metricTotal("microposts_tasks_total", probes, "outcome=\"retried\"");

        List<String> ids = new ArrayList<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            var uploaded = api.send(api.request("/api/v1/media", owner.token())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file.getValue())));
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
            String id = uploaded.json().path("id").asString();
            ids.add(id);
            reasons.put(id, file.getKey());
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                api.metricTotal("microposts_tasks_total", probes, "outcome=\"failed\"") - failedBefore)
                        .as("probes that ended as failed")
                        .isEqualTo(files.size()));
        for (String id : ids) {
            JsonNode item = api.get("/api/v1/media/" + id, owner.token()).json();
            assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("failed");
            assertThat(item.path("reason").asString()).isEqualTo(reasons.get(id));
            assertThat(jdbc.sql("select attempts from media_parts where media_id = ?::uuid and part = 'probe'")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .as("tried once, never retried")
                    .isEqualTo(1);
        }
        assertThat(api.metricTotal("microposts_tasks_total", probes, "outcome=\"gave_up\"") - gaveUpBefore)
                .isZero();
        assertThat(api.metricTotal("microposts_tasks_total", probes, "outcome=\"retried\"") - retriedBefore)
                .isZero();
        assertThat(deadLetters.list(10_000))
                .as("nothing for the operators to retry")
                .noneMatch(letter -> ids.stream().anyMatch(letter.payload()::contains));

        // an empty file is refused at once, whether sent raw or as a form's file, and leaves no item behind
        int items = itemsOf(owner);
        var raw = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.contentType()).startsWith("application/problem+json");
        assertThat(raw.json().path("errors").get(0).path("message").asString()).isEqualTo("the upload is empty");
        String boundary = "----empty" + System.nanoTime();
        var multipart = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"empty.mp4\"\r\n"
                        + "Content-Type: video/mp4\r\n\r\n\r\n--" + boundary + "--\r\n")));
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(400);
        assertThat(multipart.contentType()).startsWith("application/problem+json");
        assertThat(itemsOf(owner)).isEqualTo(items);
    }

    private int itemsOf(Api.User user) {
        return jdbc.sql("select count(*) from media m join users u on u.id = m.owner_id where u.username = ?")
                .param(user.username())
                .query(Integer.class)
                .single();
    }
}
