package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload admission loop, driven by a real slow workload: one transcoding thread against uploads sent as
 * fast as they go. It engages once the backlog reaches its limit (503 with a Retry-After), the backlog never
 * passes the limit while it is engaged, and uploads are accepted again by themselves once the backlog drains.
 * Every refusal reaches its client: one that sends its body at once reads the answer after it (the server
 * swallows bodies up to {@code server.tomcat.max-swallow-size}), and one that asks {@code Expect: 100-continue}
 * (as curl does for bodies over 1 MB) is answered before it sends a byte of the video.
 */
class UploadAdmissionTest {

    private static final int LIMIT = 3;

    @Test
    void refusesUploadsWhileTheBacklogIsFullAndReopensAsItDrains(@TempDir Path dataDir) throws Exception {
        // why: under the 2 MB the server swallows, so a refusal is read on a live connection, never reset
        Path clip = new Videos(dataDir).h264("backlog.mp4", "640x360", 4, true);
        assertThat(Files.size(clip)).isLessThan(2L << 20);
        Map<String, String> environment = Map.of(
                "MICROPOSTS_MEDIA_MAX_BACKLOG", String.valueOf(LIMIT),
                "MICROPOSTS_MEDIA_FFMPEG_THREADS", "1",
                "MICROPOSTS_QUEUES_PROBE_CONCURRENCY", "1",
                "MICROPOSTS_QUEUES_TRANSCODE_CONCURRENCY", "1",
                "MICROPOSTS_QUEUES_THUMBNAIL_CONCURRENCY", "1");
        try (AppProcess app = AppProcess.start(dataDir, dataDir.resolve("microposts.log"), environment)) {
            Api api = app.api();
            Api.User user = api.newUser("backlog");
            List<String> accepted = new ArrayList<>();

            Api.Response refused = null;
            for (int i = 0; i < LIMIT + 3 && refused == null; i++) {
                Api.Response upload = upload(api, user, clip);
                if (upload.status() == 202) {
                    accepted.add(upload.json().path("id").asString());
                } else {
                    refused = upload;
                }
            }
            assertThat(refused).as("the loop engages").isNotNull();
            assertThat(accepted).hasSize(LIMIT);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).contains("waiting to be processed");
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, UploadAdmission.MAX_RETRY_AFTER_SECONDS);
            assertThat(api.metric("microposts_media_admission_open")).isZero();
            assertThat(refusalBeforeTheBody(app.port(), user.token())).startsWith("HTTP/1.1 503");

            // it holds the bound while engaged, and lets uploads in again by itself as the backlog drains
            List<Double> backlog = new ArrayList<>();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        backlog.add(api.metric("microposts_media_backlog"));
                        Api.Response upload = upload(api, user, clip);
                        if (upload.status() == 202) {
                            accepted.add(upload.json().path("id").asString());
                            return true;
                        }
                        assertThat(upload.status()).as(upload.body()).isEqualTo(503);
                        assertThat(upload.contentType()).startsWith("application/problem+json");
                        return false;
                    });
            assertThat(backlog).isNotEmpty().allMatch(b -> b <= LIMIT);
            assertThat(api.metric("microposts_media_admission_open")).isEqualTo(1.0);
            assertThat(api.metric("microposts_media_uploads_refused_total")).isGreaterThanOrEqualTo(1.0);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> accepted.stream().allMatch(id -> api.get("/api/v1/media/" + id, user.token())
                            .json()
                            .path("status")
                            .asString()
                            .equals("ready")));
        }
    }

    private static Api.Response upload(Api api, Api.User user, Path clip) throws Exception {
        return api.send(api.request("/api/v1/media", user.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(clip)));
    }

    /**
     * Asks to upload 1 MB with {@code Expect: 100-continue} and sends nothing more: the answer must come
     * without the body. Returns the status line.
     */
    private static String refusalBeforeTheBody(int port, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (1 << 20)
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return String.valueOf(reader.readLine());
        }
    }
}
