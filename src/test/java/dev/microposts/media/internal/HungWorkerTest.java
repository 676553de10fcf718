package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import dev.microposts.support.Ports;
import dev.microposts.support.StandaloneBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two worker processes on one database, one broker and one storage, as on two machines. One of them hangs
 * in the middle of a transcode ({@code SIGSTOP}, JVM and ffmpeg alike), keeping its broker connection open,
 * so the broker never redelivers its task. The other takes the part over once the lease lapses; when the hung
 * worker wakes up and finishes, its late outputs are discarded: one copy of everything, ready once.
 */
class HungWorkerTest {

    @Test
    void anotherWorkerTakesOverAHungWorkersPartAndTheLateOriginalAddsNothing(@TempDir Path root) throws Exception {
        Path media = Files.createDirectories(root.resolve("shared-media"));
        Path clip = new Videos(root).h264("hung.mp4", "1920x1080", 6, true);
        StandaloneBroker broker = StandaloneBroker.start(root.resolve("broker"), Ports.free(), false);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(root.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start()) {
            Map<String, String> shared = new HashMap<>(Map.of(
                    "DATABASE_URL",
                    "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres",
                    "BROKER_URL",
                    broker.url(),
                    "STORAGE_URL",
                    media.toUri().toString(),
                    "MICROPOSTS_MEDIA_LEASE",
                    "3s",
                    "MICROPOSTS_MEDIA_LEASE_CHECK_INTERVAL",
                    "500ms",
                    "MICROPOSTS_QUEUES_TRANSCODE_CONCURRENCY",
                    "1"));
            AppProcess.migrate(Files.createDirectories(root.resolve("migrate")), root.resolve("migrate.log"), shared);
            Path hungLog = root.resolve("hung.log");
            Path takerLog = root.resolve("taker.log");
            try (AppProcess hung = AppProcess.start(Files.createDirectories(root.resolve("hung")), hungLog, shared);
                    AppProcess taker =
                            AppProcess.start(Files.createDirectories(root.resolve("taker")), takerLog, shared)) {
                Api.User user = hung.api().newUser("hung");
                var response = hung.api()
                        .send(hung.api()
                                .request("/api/v1/media", user.token())
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofFile(clip)));
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                String id = response.json().path("id").asString();

                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> encoding(hung.handle()));
                List<ProcessHandle> frozen = Stream.concat(
                                Stream.of(hung.handle()), hung.handle().descendants())
                        .toList();
                signal("STOP", frozen);
                try {
                    // the hung worker holds its broker message and its lease; only the lease can free the part
                    JsonNode item = await().atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(250))
                            .until(
                                    () -> taker.api()
                                            .get("/api/v1/media/" + id, user.token())
                                            .json(),
                                    m -> !m.path("status").asString().equals("processing"));
                    assertThat(item.path("status").asString())
                            .as(item.toString())
                            .isEqualTo("ready");
                    assertThat(item.path("renditions")).hasSize(5);
                    assertThat(item.path("thumbnails")).hasSize(3);
                    assertThat(Files.readString(takerLog))
                            .contains("stopped renewing its lease; handed the part to another worker");
                } finally {
                    signal("CONT", frozen);
                }

                // the original wakes up, finishes its encode, and finds the part no longer its own; every part
                // that writes files and was running when it froze (a thumbnail may run beside the transcode) is
                // discarded once it finishes
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            String log = hung.log();
                            Set<String> lost = lostParts(log, id);
                            return lost.stream().anyMatch(part -> part.startsWith("transcode"))
                                    && lost.stream()
                                            .allMatch(part ->
                                                    log.contains(id + " " + part + " was taken over or cancelled"))
                                    && !encoding(hung.handle());
                        });
                Path stored = media.resolve("media/" + id);
                try (Stream<Path> files = Files.walk(stored)) {
                    List<String> names = files.filter(Files::isRegularFile)
                            .map(p -> stored.relativize(p).toString())
                            .filter(name -> !name.contains("~"))
                            .toList();
                    assertThat(names).as(names.toString()).hasSize(1 + 5 + 3);
                }
                String logs = hung.log() + taker.log();
                assertThat(logs.split("Media " + id + " is ready", -1))
                        .as("ready once")
                        .hasSize(2);
                JsonNode after =
                        taker.api().get("/api/v1/media/" + id, user.token()).json();
                assertThat(after.path("renditions")).hasSize(5);
                assertThat(hung.api().get("/actuator/health/liveness").status()).isEqualTo(200);
            }
        } finally {
            broker.stop();
        }
    }

    /** The parts of a video whose lease the worker found taken over, but the probe (it writes no files). */
    private static Set<String> lostParts(String log, String id) {
        Matcher lost =
                Pattern.compile("Lost the lease of " + id + " ([a-z0-9-]+):").matcher(log);
        Set<String> parts = new HashSet<>();
        while (lost.find()) {
            parts.add(lost.group(1));
        }
        parts.remove("probe");
        return parts;
    }

    private static boolean encoding(ProcessHandle app) {
        return app.descendants().anyMatch(p -> p.info()
                .arguments()
                .map(a -> List.of(a).contains("libx264"))
                .orElse(false));
    }

    private static void signal(String name, List<ProcessHandle> processes) throws Exception {
        for (ProcessHandle process : processes) {
            new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        }
    }
}
