package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import dev.microposts.support.SseClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a web process, as an orchestrator sends it: readiness turns 503 at once while ordinary requests are
 * still answered for the drain delay; then open live streams get a reconnect hint and end, and the process exits
 * with 0.
 */
class DrainTest {

    private static final Duration DRAIN = Duration.ofSeconds(6);

    @Test
    void aStoppingWebProcessLeavesRotationFirstThenClosesStreamsAndExitsCleanly(@TempDir Path dataDir) {
        AppProcess app = AppProcess.start(
                dataDir,
                dataDir.resolve("microposts.log"),
                Map.of("MICROPOSTS_WEB_DRAIN_DELAY", DRAIN.toSeconds() + "s"));
        try (app) {
            Api api = app.api();
            Api.User user = api.newUser("drained");
            SseClient stream = SseClient.connect(app.port(), user.token());
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() == 200);

            app.terminate();
            AtomicBoolean servedWhileNotReady = new AtomicBoolean();
            await().atMost(DRAIN.minusSeconds(1))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        boolean notReady = api.get("/actuator/health/readiness").status() == 503;
                        boolean served =
                                api.get("/api/v1/users/" + user.username()).status() == 200;
                        servedWhileNotReady.set(notReady && served);
                        return servedWhileNotReady.get();
                    });
            assertThat(stream.ended())
                    .as("the stream stays open during the drain")
                    .isFalse();

            try {
                await().atMost(DRAIN.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(stream::ended);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(
                        "the live stream was not ended (retry " + stream.retry() + ", events " + stream.events() + ", "
                                + stream.failure() + ")",
                        e);
            }
            assertThat(stream.retry()).as("a reconnect hint in ms").isBetween(1L, 10_000L);
            assertThat(app.awaitExit(Duration.ofSeconds(30))).as(app.log()).isZero();
            assertThat(app.log()).contains("still serving for " + DRAIN.toMillis() + " ms");
        }
    }
}
