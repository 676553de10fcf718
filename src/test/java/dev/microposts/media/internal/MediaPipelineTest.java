package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Real uploads through the API, real ffmpeg on generated videos, real queues, real storage. */
class MediaPipelineTest extends ApiTest {

    private static Videos videos;

    @Value("${microposts.data-dir}")
    String dataDir;

    @Autowired
    MediaStore store;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private Api.User user;

    @BeforeAll
    static void makeVideos(@TempDir Path directory) throws Exception {
        videos = new Videos(directory);
    }

    private Api.User user() {
        if (user == null) {
            user = api.newUser("video");
        }
        return user;
    }

    private JsonNode upload(Path file) throws Exception {
        var response = api.send(api.request("/api/v1/media", user().token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("status").asString()).isEqualTo("processing");
        assertThat(response.header("Location"))
                .isEqualTo(response.json().path("href").asString());
        return response.json();
    }

    private JsonNode settle(JsonNode uploaded) {
        String href = uploaded.path("href").asString();
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get(href, user().token()).json(),
                        item -> !item.path("status").asString().equals("processing"));
    }

    private JsonNode ready(Path file) throws Exception {
        JsonNode item = settle(upload(file));
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("ready");
        assertThat(item.path("thumbnail_url").asString()).startsWith("/media/");
        for (JsonNode rendition : item.path("renditions")) {
            assertThat(rendition.path("width").asInt() % 2).isZero();
            assertThat(rendition.path("height").asInt() % 2).isZero();
            assertThat(rendition.path("size").asLong()).isPositive();
            assertThat(rendition.path("bitrate").asInt()).isPositive();
            // measured on the output itself, not copied from the source
            assertThat(rendition.path("duration").asDouble())
                    .isCloseTo(
                            item.path("source").path("duration").asDouble(), org.assertj.core.data.Offset.offset(0.25));
        }
        assertNoWorkFilesLeft();
        return item;
    }

    private void failed(Path file, String reasonPart) throws Exception {
        JsonNode item = settle(upload(file));
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("failed");
        assertThat(item.path("reason").asString()).containsIgnoringCase(reasonPart);
        assertThat(item.path("renditions")).isEmpty();
        assertNoWorkFilesLeft();
    }

    private void assertNoWorkFilesLeft() throws Exception {
        Path work = Path.of(dataDir, "work");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            // why: the web server keeps the directory it writes multipart parts into; only the parts go
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files.filter(file -> !file.equals(work.resolve("multipart")))
                                .toList())
                        .isEmpty();
            }
            try (Stream<Path> parts = Files.list(work.resolve("multipart"))) {
                assertThat(parts.toList()).isEmpty();
            }
        });
    }

    private static List<String> sizes(JsonNode item) {
        List<String> sizes = new ArrayList<>();
        item.path("renditions")
                .forEach(r -> sizes.add(
                        r.path("width").asInt() + "x" + r.path("height").asInt()));
        return sizes;
    }

    @Test
    void fullHdWithSoundGetsTheWholeLadderAndServesRanges() throws Exception {
        double uploadedBefore = api.metricTotal("microposts_media_uploads_bytes_sum");
        double keptBefore = api.metricTotal("microposts_media_output_bytes_total", "kind=\"rendition\"");
        double encodedBefore = api.metricTotal("microposts_media_encode_speed_count", "rendition=\"1080p\"");
        Path hd = videos.h264("hd.mp4", "1920x1080", 2, true);
        JsonNode item = ready(hd);
        assertThat(sizes(item)).containsExactly("426x240", "640x360", "854x480", "1280x720", "1920x1080");
        long renditionBytes = 0;
        for (JsonNode rendition : item.path("renditions")) {
            renditionBytes += rendition.path("size").asLong();
        }
        assertThat(api.metricTotal("microposts_media_uploads_bytes_sum") - uploadedBefore)
                .as("bytes in: the upload")
                .isGreaterThanOrEqualTo(Files.size(hd));
        assertThat(api.metricTotal("microposts_media_output_bytes_total", "kind=\"rendition\"") - keptBefore)
                .as("bytes out: the renditions kept")
                .isGreaterThanOrEqualTo(renditionBytes);
        assertThat(api.metricTotal("microposts_media_encode_speed_count", "rendition=\"1080p\"") - encodedBefore)
                .as("encode speed recorded for the 1080p rendition")
                .isEqualTo(1);
        assertThat(api.metricTotal("microposts_media_encode_speed_max", "rendition=\"1080p\""))
                .isPositive();
        JsonNode source = item.path("source");
        assertThat(source.path("width").asInt()).isEqualTo(1920);
        assertThat(source.path("has_audio").asBoolean()).isTrue();
        assertThat(source.path("video_codec").asString()).isEqualTo("h264");
        assertThat(source.path("duration").asDouble()).isBetween(1.9, 2.2);
        assertThat(item.path("thumbnails")).hasSize(3);

        // why: an upload on no post is its owner's alone; once posted, its files are public and never change
        var posted = api.post(
                "/api/v1/me/collection",
                Map.of(
                        "text",
                        "in full HD",
                        "media_ids",
                        List.of(item.path("id").asString())),
                user().token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String url = item.path("renditions").get(0).path("url").asString();
        long size = item.path("renditions").get(0).path("size").asLong();
        var whole = api.send(api.request(url, null).GET());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.contentType()).isEqualTo("video/mp4");
        assertThat(whole.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(whole.header("Cache-Control")).contains("immutable");
        var client = java.net.http.HttpClient.newHttpClient();
        HttpResponse<byte[]> part = client.send(
                HttpRequest.newBuilder(java.net.URI.create(api.base() + url))
                        .header("Range", "bytes=100-199")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + size);
        HttpResponse<byte[]> beyond = client.send(
                HttpRequest.newBuilder(java.net.URI.create(api.base() + url))
                        .header("Range", "bytes=" + size + "-")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(api.get("/media/../../etc/passwd").status()).isIn(400, 404);
    }

    @Test
    void phoneVideoIsTurnedUpright() throws Exception {
        Path landscape = videos.h264("phone-raw.mp4", "1280x720", 1, true);
        Path rotated = videos.make("phone.mov", "-display_rotation", "90", "-i", landscape.toString(), "-c", "copy");
        JsonNode item = ready(rotated);
        assertThat(item.path("source").path("rotation").asInt()).isIn(90, 270);
        assertThat(sizes(item)).containsExactly("240x426", "360x640", "480x854", "720x1280");
    }

    @Test
    void oddDimensionsStayEvenAndNeverGrow() throws Exception {
        JsonNode item = ready(videos.h264("odd.mp4", "1917x1079", 1, false, "-pix_fmt", "yuv444p"));
        List<Integer> heights = new ArrayList<>();
        for (JsonNode rendition : item.path("renditions")) {
            heights.add(rendition.path("height").asInt());
            double aspect = rendition.path("width").asDouble()
                    / rendition.path("height").asDouble();
            assertThat(aspect).isCloseTo(1917.0 / 1079, org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(heights).containsExactly(240, 360, 480, 720);
        assertThat(item.path("source").path("has_audio").asBoolean()).isFalse();
    }

    @Test
    void otherCodecsAndShapes() throws Exception {
        ready(videos.make(
                "vp9.webm",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=640x360:rate=25:duration=1",
                "-f",
                "lavfi",
                "-i",
                "sine=duration=1",
                "-c:v",
                "libvpx-vp9",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-c:a",
                "libopus"));
        ready(videos.make(
                "hevc.mov",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=320x240:rate=30:duration=1",
                "-c:v",
                "libx265",
                "-preset",
                "ultrafast",
                "-x265-params",
                "log-level=none"));
        JsonNode tiny = ready(videos.h264("tiny.mp4", "16x16", 1, false));
        assertThat(sizes(tiny)).containsExactly("16x16");
        ready(videos.h264(
                "vfr.mp4", "640x360", 2, true, "-vf", "select='not(mod(n\\,3))+eq(n\\,7)'", "-fps_mode", "vfr"));
    }

    @Test
    void hostileAndBrokenFilesFailWithAReason() throws Exception {
        String failures = "microposts_media_failures_total";
        double unreadable = api.metricTotal(failures, "reason=\"unreadable\"", "step=\"probe\"");
        double noPicture = api.metricTotal(failures, "reason=\"no_picture\"");
        double frameSize = api.metricTotal(failures, "reason=\"frame_size\"");
        double tooLong = api.metricTotal(failures, "reason=\"too_long\"");
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        Path random = Files.write(Path.of(dataDir).resolve("random.mp4"), noise);
        failed(random, "not a video");

        Path whole = videos.h264("whole.mp4", "640x360", 2, true);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(
                Path.of(dataDir).resolve("truncated.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        failed(truncated, "damaged or incomplete");

        Path png = videos.make("picture.png", "-f", "lavfi", "-i", "testsrc2=size=64x64:duration=1", "-frames:v", "1");
        failed(Files.copy(png, Path.of(dataDir).resolve("picture.mp4")), "not a video");

        failed(videos.make("audio.m4a", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac"), "no picture");

        Path playlist = Path.of(dataDir).resolve("playlist.mp4");
        Files.writeString(
                playlist,
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n" + "#EXTINF:10,\n" + whole
                        + "\n#EXT-X-ENDLIST\n");
        failed(playlist, "not a video");

        failed(videos.h264("huge.mp4", "4096x2304", 0.1, false), "largest accepted");
        failed(
                videos.make(
                        "long.mp4",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=size=16x16:rate=1:duration=660",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast"),
                "at most 600 seconds");

        var empty = api.send(api.request("/api/v1/media", user().token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(api.metricTotal(failures, "reason=\"unreadable\"", "step=\"probe\"") - unreadable)
                .as("failures counted by reason: noise, truncated, picture, playlist")
                .isEqualTo(4);
        assertThat(api.metricTotal(failures, "reason=\"no_picture\"") - noPicture)
                .isEqualTo(1);
        assertThat(api.metricTotal(failures, "reason=\"frame_size\"") - frameSize)
                .isEqualTo(1);
        assertThat(api.metricTotal(failures, "reason=\"too_long\"") - tooLong).isEqualTo(1);
        // the workers are still there and well
        ready(videos.h264("after.mp4", "320x240", 1, false));
    }

    @Test
    void uploadsAreBoundedAndNeedAnAccount() throws Exception {
        var anonymous = api.send(api.request("/api/v1/media", null)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(anonymous.status()).isEqualTo(401);
        // a declared length over the limit is refused before any of the body is sent
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Authorization: Bearer " + user().token() + "\r\n"
                                    + "Content-Type: application/octet-stream\r\nContent-Length: 629145600\r\n\r\n")
                            .getBytes());
            socket.getOutputStream().flush();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
            assertThat(reader.readLine()).startsWith("HTTP/1.1 413");
            List<String> headers = new ArrayList<>();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                headers.add(line.toLowerCase());
            }
            assertThat(headers).anyMatch(h -> h.startsWith("content-type: application/problem+json"));
        }
        assertThat(api.get("/api/v1/media/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void aChunkedUploadThatGrowsPastTheLimitIsCutOffAndLeavesNothing() throws Exception {
        String token = user().token();
        int before = jdbc.sql("select count(*) from media").query(Integer.class).single();
        String status = null;
        // no declared length: only counting the bytes as they arrive can stop it (the limit is 16 MB here)
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes());
            byte[] chunk = new byte[1 << 20];
            new Random(7).nextBytes(chunk);
            try {
                for (int i = 0; i < 40; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes());
                    out.write(chunk);
                    out.write("\r\n".getBytes());
                }
                out.write("0\r\n\r\n".getBytes());
                out.flush();
            } catch (java.io.IOException cutOff) {
                // the server answered and closed the connection while the body was still coming: the point
            }
            try {
                status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            } catch (java.io.IOException reset) {
                // a reset can overtake the answer; what matters below is what was kept
            }
        }
        if (status != null) {
            assertThat(status).startsWith("HTTP/1.1 413");
        }
        Path spool = Path.of(dataDir, "uploads");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Stream<Path> files = Files.list(spool)) {
                assertThat(files.toList()).isEmpty();
            }
        });
        assertThat(jdbc.sql("select count(*) from media").query(Integer.class).single())
                .isEqualTo(before);
        // the service is still there for the next upload
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void multipartUploadAndAPostThatWaitsForItsVideo() throws Exception {
        Path file = videos.h264("post.mp4", "640x360", 1, true);
        String boundary = "----microposts" + System.nanoTime();
        byte[] head = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.mp4\"\r\n"
                        + "Content-Type: video/mp4\r\n\r\n")
                .getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new java.io.ByteArrayOutputStream() {
            {
                writeBytes(head);
                writeBytes(Files.readAllBytes(file));
                writeBytes(tail);
            }
        }.toByteArray();
        var uploaded = api.send(api.request("/api/v1/media", user().token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
        String id = uploaded.json().path("id").asString();

        // why: made before the post, since signing up hashes a password for long enough to let the video finish
        Api.User other = api.newUser("viewer");
        var post =
                api.post("/api/v1/me/collection", Map.of("text", "my clip", "media_ids", List.of(id)), user().token());
        assertThat(post.status()).as(post.body()).isEqualTo(201);
        String href = post.json().path("href").asString();
        if (!post.json().path("published").asBoolean()) {
            assertThat(api.get(href, other.token()).status()).isEqualTo(404);
            assertThat(api.get(href, user().token())
                            .json()
                            .path("media")
                            .get(0)
                            .path("id")
                            .asString())
                    .isEqualTo(id);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get(href, other.token()).status() == 200);
        JsonNode seen = api.get(href, other.token()).json();
        assertThat(seen.path("published").asBoolean()).isTrue();
        assertThat(seen.path("media").get(0).path("status").asString()).isEqualTo("ready");

        var again =
                api.post("/api/v1/me/collection", Map.of("text", "again", "media_ids", List.of(id)), user().token());
        assertThat(again.status()).isEqualTo(400);
        var foreign =
                api.post("/api/v1/me/collection", Map.of("text", "theft", "media_ids", List.of(id)), other.token());
        assertThat(foreign.status()).isEqualTo(400);
    }
}
