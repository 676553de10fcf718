package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import dev.microposts.support.Ports;
import dev.microposts.support.StandaloneBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three processes on one PostgreSQL and one broker, as on three machines, elect one leader: a leader killed
 * (SIGKILL) or frozen (SIGSTOP) is replaced within 15 seconds, a frozen one that wakes up steps down so there is
 * still one, and an alert condition every process sees makes one alert, however often the lead changes hands.
 */
class LeaderTest {

    private static final Duration TAKE_OVER = Duration.ofSeconds(15);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void oneProcessLeadsAndAnotherTakesOverWhenItDiesOrFreezes(@TempDir Path root) throws Exception {
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
                    Files.createDirectories(root.resolve("media")).toUri().toString(),
                    // why: each process's leader flag is read from /actuator/info on its only port
                    "MICROPOSTS_WEB_PUBLIC_ACTUATOR",
                    "true",
                    "MICROPOSTS_ALERTS_INTERVAL",
                    "500ms",
                    // why: a condition true everywhere at once: no delivery is owed, and that is more than -1
                    "MICROPOSTS_ALERTS_INCOMPLETE_EVENTS",
                    "-1");
            AppProcess.migrate(Files.createDirectories(root.resolve("migrate")), root.resolve("migrate.log"), shared);
            List<CompletableFuture<AppProcess>> starting = new ArrayList<>();
            for (String host : List.of("alpha", "bravo", "charlie")) {
                Map<String, String> environment = new HashMap<>(shared);
                // why: three machines; each process's alerts would carry a node of its own
                environment.put("HOSTNAME", host);
                Path dataDir = Files.createDirectories(root.resolve(host));
                starting.add(CompletableFuture.supplyAsync(
                        () -> AppProcess.start(dataDir, root.resolve(host + ".log"), environment)));
            }
            List<AppProcess> processes = new ArrayList<>();
            try {
                for (CompletableFuture<AppProcess> start : starting) {
                    processes.add(start.join());
                }
                AppProcess first = awaitOneLeader(processes);
                assertThat(first.api().get("/actuator/prometheus").body()).contains("microposts_leader{");
                awaitOneOpenAlert(postgres);

                first.kill();
                List<AppProcess> alive = new ArrayList<>(processes);
                alive.remove(first);
                AppProcess second = awaitOneLeaderWithin(alive, TAKE_OVER);

                second.signal("STOP");
                List<AppProcess> awake = new ArrayList<>(alive);
                awake.remove(second);
                AppProcess third;
                try {
                    third = awaitOneLeaderWithin(awake, TAKE_OVER);
                } finally {
                    second.signal("CONT");
                }
                assertThat(third).isNotSameAs(second);
                assertThat(awaitOneLeaderWithin(alive, TAKE_OVER))
                        .as("the process that woke up stepped down")
                        .isSameAs(third);
                assertThat(second.log()).contains("no longer leads the once-per-deployment duties");

                awaitOneOpenAlert(postgres);
                await().during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> alerts(postgres) == 1);
            } finally {
                for (CompletableFuture<AppProcess> start : starting) {
                    start.thenAccept(AppProcess::close);
                }
                processes.forEach(AppProcess::close);
            }
        }
    }

    private AppProcess awaitOneLeader(List<AppProcess> processes) {
        return awaitOneLeaderWithin(processes, Duration.ofSeconds(30));
    }

    /** Waits until exactly one of {@code processes} says it leads and the others say they do not; that one. */
    private AppProcess awaitOneLeaderWithin(List<AppProcess> processes, Duration atMost) {
        return await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () -> {
                            List<AppProcess> leaders = new ArrayList<>();
                            for (AppProcess process : processes) {
                                if (leads(process)) {
                                    leaders.add(process);
                                }
                            }
                            return leaders.size() == 1 ? leaders.get(0) : null;
                        },
                        leader -> leader != null);
    }

    private boolean leads(AppProcess process) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + process.port() + "/actuator/info"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode microposts = Api.JSON.readTree(response.body()).path("microposts");
        if (!microposts.path("leader").isBoolean()) {
            throw new IllegalStateException("no leader flag in " + response.body());
        }
        return microposts.path("leader").asBoolean();
    }

    private static void awaitOneOpenAlert(EmbeddedPostgres postgres) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> alerts(postgres) >= 1);
        assertThat(alerts(postgres)).as("one alert for one incident").isEqualTo(1);
    }

    /** The alerts, open or not, for the condition every process sees. */
    private static long alerts(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet count =
                        statement.executeQuery("select count(*) from alerts where rule = 'incomplete-events'")) {
            count.next();
            return count.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
