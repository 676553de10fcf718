package dev.microposts.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The promises about failure, checked on a real process: a killed process loses no committed post and
 * the next start recovers the PostgreSQL it left running; while the database is down, readiness says
 * so and the API answers 503 with Retry-After instead of hanging or leaking errors.
 */
class CrashAndOutageTest {

    @TempDir
    Path dataDir;

    @Test
    void aKilledProcessLosesNoCommittedPostAndADatabaseOutageIsA503() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("crash-and-outage-test.log");
        Files.deleteIfExists(log);
        List<Long> committed = new ArrayList<>();
        String username;

        AppProcess first = AppProcess.start(dataDir, log, Map.of());
        try {
            Api api = first.api();
            Api.User author = api.newUser("survivor");
            username = author.username();
            for (int i = 0; i < 20; i++) {
                committed.add(api.newPost(author, "committed post " + i));
            }
        } finally {
            first.kill();
        }
        assertThat(postmasterPid())
                .as("the killed process left its PostgreSQL running")
                .isPositive();

        AppProcess second = AppProcess.start(dataDir, log, Map.of());
        try {
            assertThat(second.log()).contains("from a previous run still holds");
            assertThat(postsOf(second.api(), username)).containsExactlyInAnyOrderElementsOf(committed);
            Api.User author = new Api.User(username, second.api().token(username, Api.STRONG_PASSWORD));
            for (int i = 0; i < 20; i++) {
                committed.add(second.api().newPost(author, "committed just before the crash " + i));
            }
        } finally {
            // everything dies at once, PostgreSQL too, as when the machine loses power: only what
            // PostgreSQL had made durable when it acknowledged each commit can come back
            long postgres = postmasterPid();
            second.kill();
            ProcessHandle.of(postgres).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(postgres).ifPresent(p -> p.onExit().join());
        }

        try (AppProcess third = AppProcess.start(dataDir, log, Map.of())) {
            assertThat(third.log()).contains("Removing stale");
            Api api = third.api();
            assertThat(postsOf(api, username)).containsExactlyInAnyOrderElementsOf(committed);

            stopPostgres();

            third.awaitReadiness(503, Duration.ofSeconds(30));
            Api.Response read = api.get("/api/v1/users/" + username + "/collection");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.contentType()).startsWith("application/problem+json");
            assertThat(read.header("Retry-After")).isEqualTo("5");
            assertThat(read.body()).doesNotContain("Exception", "PSQL");
            Api.Response write =
                    api.post("/api/v1/me/collection", Map.of("text", "during the outage"), "mpt_some-token");
            assertThat(write.status()).isEqualTo(503);
            Api.Response login =
                    api.post("/api/v1/token", Map.of("username", username, "password", Api.STRONG_PASSWORD), null);
            assertThat(login.status()).as(login.toString()).isEqualTo(503);
            assertThat(login.header("Retry-After")).isEqualTo("5");
            assertThat(api.get("/actuator/health/liveness").status())
                    .as("the process itself is alive; only its database is not")
                    .isEqualTo(200);
        }
    }

    private static List<Long> postsOf(Api api, String username) {
        JsonNode posts =
                api.get("/api/v1/users/" + username + "/collection?limit=100").json();
        return posts.findValues("id").stream().map(JsonNode::asLong).toList();
    }

    @AfterEach
    void leaveNoPostgresBehind() throws Exception {
        long pid = postmasterPid();
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private long postmasterPid() throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return -1;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : -1;
    }

    /** A fast shutdown (SIGINT) of the server, as when the database host goes away. */
    private void stopPostgres() throws Exception {
        long pid = postmasterPid();
        new ProcessBuilder("kill", "-INT", String.valueOf(pid))
                .inheritIO()
                .start()
                .waitFor();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }
}
