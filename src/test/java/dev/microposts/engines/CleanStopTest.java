package dev.microposts.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One run as a new operator sees it, from the first start on an empty data directory to a stop with
 * SIGTERM: the log holds the application's own lines only, every one naming its node, and no warning or
 * error beyond the local-mode warnings the README lists; PostgreSQL's own output is in its log file under
 * the data directory, its binaries run from there too, and it stops last and for good.
 */
class CleanStopTest {

    /** The warnings the README documents for local mode, by the start of their message. */
    private static final List<String> LOCAL_MODE_WARNINGS =
            List.of("Embedded PostgreSQL is for one machine", "Session and CSRF cookies are sent without Secure");

    @Test
    void aFirstRunStoppedWithSigtermLogsNothingAlarmingAndLeavesNoPostgresRunning(@TempDir Path directory)
            throws Exception {
        Path dataDir = directory.toRealPath();
        Path log = dataDir.resolve("microposts.log");
        ProcessHandle postmaster;
        String postmasterCommand;
        // why: an interactive shell does not export HOSTNAME, so an operator's process starts without it
        AppProcess app = AppProcess.start(dataDir, log, Map.of("HOSTNAME", ""));
        try {
            Api api = app.api();
            Api.User author = api.newUser("quiet");
            Api.Response taken = api.post(
                    "/api/v1/users",
                    Map.of("username", author.username().toUpperCase(Locale.ROOT), "password", Api.STRONG_PASSWORD),
                    null);
            assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
            api.newPost(author, "written just before the stop");
            List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
            long pid = Long.parseLong(pidFile.get(0).trim());
            // a statement that fails makes PostgreSQL report an error, which is its business, not the log's
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + pidFile.get(3).trim() + "/postgres", "postgres", "");
                    Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute("select 1 / 0")).isInstanceOf(SQLException.class);
            }
            postmaster = ProcessHandle.of(pid).orElseThrow();
            postmasterCommand = postmaster.info().command().orElse("");
        } finally {
            app.stop();
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(postmasterCommand)
                .as("PostgreSQL runs from binaries under the data directory")
                .startsWith(dataDir.resolve("postgres-binaries").toString());
        softly.check(() -> await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(postmaster.isAlive())
                        .as("the embedded PostgreSQL stopped with the application")
                        .isFalse()));

        String all = Files.readString(log, StandardCharsets.UTF_8);
        List<String> alarming = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        Instant poolClosed = null;
        for (String line : all.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json = parse(line);
            nodes.add(json.path("service").path("node").path("name").asString(""));
            String level = json.path("log").path("level").asString();
            String message = json.path("message").asString();
            if ((level.equals("WARN") || level.equals("ERROR"))
                    && LOCAL_MODE_WARNINGS.stream().noneMatch(message::startsWith)) {
                alarming.add(line);
            }
            if (message.startsWith("HikariPool") && message.endsWith("Shutdown completed.")) {
                poolClosed = Instant.parse(json.path("@timestamp").asString());
            }
        }
        softly.assertThat(nodes).as("every line's node, host/role").allMatch(node -> node.matches("[^/]+/all"));
        softly.assertThat(alarming)
                .as("warnings and errors beyond the local-mode ones")
                .isEmpty();
        softly.assertThat(all)
                .as("the application stopped through its own shutdown")
                .contains("Commencing graceful shutdown");
        softly.assertThat(all)
                .as("PostgreSQL's own output stays out of the application's log")
                .doesNotContain("initdb", "Success. You can now start", "division by zero", "database system is");

        Path postgresLog = dataDir.resolve("postgres.log");
        softly.assertThat(postgresLog).exists();
        if (Files.exists(postgresLog)) {
            String postgres = Files.readString(postgresLog, StandardCharsets.UTF_8);
            softly.assertThat(postgres)
                    .as("PostgreSQL's own log")
                    .contains("Success. You can now start", "division by zero", "database system is shut down");
            softly.assertThat(poolClosed).as("the connection pool closed").isNotNull();
            Instant lastUse = truncatedToMillis(poolClosed);
            softly.assertThat(shutdownRequested(postgres))
                    .as("PostgreSQL was asked to stop only once the application had closed its connection pool")
                    .hasValueSatisfying(requested -> assertThat(requested).isAfterOrEqualTo(lastUse));
        }
        softly.assertAll();
    }

    /** When PostgreSQL logged the request to shut down; its log lines start with a UTC time to the millisecond. */
    private static Optional<Instant> shutdownRequested(String postgresLog) {
        Matcher matcher = Pattern.compile(
                        "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) UTC \\[\\d+\\] LOG:  received fast shutdown request")
                .matcher(postgresLog);
        Optional<Instant> last = Optional.empty();
        while (matcher.find()) {
            last = Optional.of(Instant.parse(matcher.group(1) + "T" + matcher.group(2) + "Z"));
        }
        return last;
    }

    private static Instant truncatedToMillis(Instant instant) {
        return instant == null ? Instant.EPOCH : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static JsonNode parse(String line) {
        try {
            return Api.JSON.readTree(line);
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
