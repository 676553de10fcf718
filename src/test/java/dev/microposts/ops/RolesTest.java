package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Roles as an operator uses them, each process a real one: a web and a worker on shared engines serve the whole
 * site between them (a post reaches a follower's timeline, a video gets processed although the web process takes
 * no tasks), the worker answers nothing but its actuator, and roles that cannot work stop the start with one line.
 */
class RolesTest {

    @Test
    void aWebAndAWorkerOnSharedEnginesRunTheWholeSiteBetweenThem(@TempDir Path root) throws Exception {
        Path clip = new Videos(root).h264("split.mp4", "320x240", 1, true);
        try (StandaloneBroker broker = StandaloneBroker.start(root.resolve("broker"), Ports.free(), false);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(root.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start()) {
            Map<String, String> shared = Map.of(
                    "DATABASE_URL",
                    "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres",
                    "BROKER_URL",
                    broker.url(),
                    "STORAGE_URL",
                    Files.createDirectories(root.resolve("media")).toUri().toString());
            AppProcess.migrate(Files.createDirectories(root.resolve("migrate")), root.resolve("migrate.log"), shared);
            Map<String, String> worker = new HashMap<>(shared);
            worker.put("MICROPOSTS_ROLES", "worker");
            worker.put("MANAGEMENT_SERVER_PORT", String.valueOf(Ports.free()));
            Map<String, String> web = new HashMap<>(shared);
            web.put("MICROPOSTS_ROLES", "web");
            try (AppProcess webProcess = AppProcess.start(
                            Files.createDirectories(root.resolve("web")), root.resolve("web.log"), web);
                    AppProcess workerProcess = AppProcess.start(
                            Files.createDirectories(root.resolve("worker")), root.resolve("worker.log"), worker)) {
                Api site = webProcess.api();
                Api.User author = site.newUser("author");
                Api.User reader = site.newUser("reader");
                assertThat(site.put("/api/v1/me/following/" + author.username(), null, reader.token())
                                .status())
                        .isEqualTo(204);
                long post = site.newPost(author, "written on the web, delivered by the bus");
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> site.get("/api/v1/me/timeline", reader.token())
                                .body()
                                .contains("\"id\":" + post));

                var upload = site.send(site.request("/api/v1/media", author.token())
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofFile(clip)));
                assertThat(upload.status()).as(upload.body()).isEqualTo(202);
                String media = upload.json().path("id").asString();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> site.get("/api/v1/media/" + media, author.token())
                                .json()
                                .path("status")
                                .asString()
                                .equals("ready"));
                assertThat(webProcess.log()).doesNotContain("Media " + media + " is ready");
                assertThat(workerProcess.log()).contains("Media " + media + " is ready");

                Api workerSite = workerProcess.api();
                for (String path : List.of("/", "/login", "/api/v1/users/" + author.username())) {
                    Api.Response refused = workerSite.get(path);
                    assertThat(refused.status()).as(path).isEqualTo(404);
                    assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
                }
                assertThat(workerSite.get("/actuator/health").status())
                        .as("the actuator moved to its own port")
                        .isEqualTo(404);
                Api actuator = workerProcess.management();
                assertThat(actuator.get("/actuator/health/liveness").status()).isEqualTo(200);
                assertThat(actuator.get("/actuator/health/readiness").status()).isEqualTo(200);
                assertThat(actuator.get("/actuator/prometheus").body()).contains("role=\"worker\"");
                JsonNode info = actuator.get("/actuator/info").json().path("microposts");
                assertThat(info.path("roles").toString()).isEqualTo("[\"worker\"]");
                // why: outside local mode, metrics and build details are not for whoever reaches the site
                assertThat(site.get("/actuator/health/readiness").status()).isEqualTo(200);
                for (String hidden : List.of("/actuator/info", "/actuator/prometheus", "/actuator/env")) {
                    assertThat(site.get(hidden).status())
                            .as("%s on the site's port of a production process", hidden)
                            .isEqualTo(404);
                }
                assertThat(webProcess.log()).contains("The site's port serves only /actuator/health");

                assertThat(webProcess.log())
                        .containsPattern(
                                "ready on http://localhost:" + webProcess.port() + " in [0-9.]+ s; roles: web;");
                assertThat(workerProcess.log())
                        .containsPattern("ready with no site, actuator on http://localhost:"
                                + workerProcess.managementPort() + " in [0-9.]+ s; roles: worker;");
            }
        }
    }

    @Test
    void anUnknownRoleStopsTheStartWithOneClearLine(@TempDir Path dataDir) {
        AppProcess.Command run = startService(dataDir, Map.of("MICROPOSTS_ROLES", "web,cook"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("MICROPOSTS_ROLES has an unknown role 'cook'");
        assertNoStackTrace(run);
        assertThat(dataDir.resolve("postgres")).as("no engine was started").doesNotExist();
    }

    @Test
    void aSplitRoleOnEmbeddedEnginesStopsTheStartNamingWhatToSet(@TempDir Path dataDir) {
        AppProcess.Command run = startService(dataDir, Map.of("MICROPOSTS_ROLES", "worker"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("MICROPOSTS_ROLES=worker runs only part of MicroPosts")
                .contains("set DATABASE_URL and BROKER_URL");
        assertNoStackTrace(run);
        assertThat(dataDir.resolve("postgres")).as("no engine was started").doesNotExist();
    }

    private static AppProcess.Command startService(Path dataDir, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("PORT", String.valueOf(Ports.free()));
        return AppProcess.runCommand(dataDir, dataDir.resolve("microposts.log"), all, List.of());
    }

    private static void assertNoStackTrace(AppProcess.Command run) {
        assertThat(run.output()).as(run.output()).doesNotContain("\tat ", "\\tat ", "Exception in thread");
    }
}
