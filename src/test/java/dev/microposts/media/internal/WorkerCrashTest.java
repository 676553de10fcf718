package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A worker killed with SIGKILL in the middle of a transcode, and one stopped with SIGTERM: after a restart
 * every item is ready exactly once, with one copy of each output and nothing left behind.
 */
class WorkerCrashTest {

    private static final Map<String, String> FAST_LEASES = Map.of(
            "MICROPOSTS_MEDIA_LEASE", "3s",
            "MICROPOSTS_MEDIA_LEASE_CHECK_INTERVAL", "500ms",
            "MICROPOSTS_QUEUES_TRANSCODE_CONCURRENCY", "1");

    @Test
    void killedAndStoppedWorkersLoseNothingAndDuplicateNothing(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("app.log");
        Videos videos = new Videos(dataDir);
        Path clip = videos.h264("crash.mp4", "1920x1080", 6, true);

        AppProcess first = AppProcess.start(dataDir, log, FAST_LEASES);
        Api.User user;
        String killed;
        try {
            user = first.api().newUser("crash");
            killed = upload(first.api(), user, clip);
            awaitEncoding(first);
            // a crash of the whole machine: the JVM and its ffmpeg go at once
            first.handle().descendants().forEach(ProcessHandle::destroyForcibly);
            first.kill();
        } finally {
            first.close();
        }

        AppProcess second = AppProcess.start(dataDir, log, FAST_LEASES);
        String stopped;
        try {
            JsonNode item = second.api().awaitMediaReady(user, killed, Duration.ofSeconds(120));
            assertThat(item.path("renditions")).hasSize(5);
            stopped = upload(second.api(), user, clip);
            awaitEncoding(second);
            second.stop(); // SIGTERM: the in-flight transcode finishes or goes back to its queue
        } finally {
            second.close();
        }

        AppProcess third = AppProcess.start(dataDir, log, FAST_LEASES);
        try {
            for (String id : List.of(killed, stopped)) {
                JsonNode item = third.api().awaitMediaReady(user, id, Duration.ofSeconds(120));
                assertThat(item.path("renditions")).hasSize(5);
                assertThat(item.path("thumbnails")).hasSize(3);
                // one copy of everything: the source, five renditions, three thumbnails
                Path stored = dataDir.resolve("media/media/" + id);
                try (Stream<Path> files = Files.walk(stored)) {
                    List<String> names = files.filter(Files::isRegularFile)
                            .map(p -> stored.relativize(p).toString())
                            .filter(name -> !name.contains("~"))
                            .toList();
                    assertThat(names).as(names.toString()).hasSize(1 + 5 + 3);
                }
            }
            // why: the web server keeps the directory it spools multipart parts into; no file may be left. An
            // attempt that lost its lease while the machine was busy may still be finishing; it deletes its files
            await("no file left in the work directory")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    // why: a directory deleted while it is walked fails that one look, not the test
                    .ignoreExceptions()
                    .until(() -> filesUnder(dataDir.resolve("work")), List::isEmpty);
            String lines = Files.readString(log);
            for (String id : List.of(killed, stopped)) {
                assertThat(lines.split("Media " + id + " is ready", -1))
                        .as("ready once")
                        .hasSize(2);
            }
        } finally {
            third.close();
        }
    }

    private static List<Path> filesUnder(Path directory) throws java.io.IOException {
        try (Stream<Path> left = Files.walk(directory)) {
            return left.filter(Files::isRegularFile).toList();
        }
    }

    private static String upload(Api api, Api.User user, Path clip) throws Exception {
        var response = api.send(api.request("/api/v1/media", user.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("id").asString();
    }

    /** Until the app runs an x264 encode: the moment to pull the plug. */
    private static void awaitEncoding(AppProcess app) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> app.handle().descendants().anyMatch(p -> p.info()
                        .arguments()
                        .map(a -> List.of(a).contains("libx264"))
                        .orElse(false)));
    }
}
