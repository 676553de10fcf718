package dev.microposts.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.alerts.AlertFired;
import dev.microposts.alerts.AlertResolved;
import dev.microposts.media.internal.Videos;
import dev.microposts.ops.ProcessNode;
import dev.microposts.support.Api;
import dev.microposts.support.OwnDataDirectory;
import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskHandler;
import dev.microposts.tasks.Tasks;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;

/**
 * The in-process alert rules over real metrics, with thresholds from configuration: a video that waits over
 * a second fires {@code video-waiting}, and it resolves once the video is ready; a task whose every attempt
 * fails ends in the dead-letter queue, which fires {@code dead-letters}. Each transition is in the history and went
 * out as an event, and a firing reaches every admin (and no one else) as a notification. (That several processes
 * make one alert of an incident is {@code LeaderTest}'s.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "microposts.alerts.interval=200ms",
            "microposts.alerts.video-waiting=1s",
            // why: a video that takes several seconds however fast the machine, so it is seen waiting
            "microposts.media.ffmpeg-threads=1",
            "microposts.queues.transcode.concurrency=1",
            "microposts.tasks.scaling.interval=200ms",
            "microposts.queues.doomed.max-attempts=1"
        })
@Import(AlertingTest.Listener.class)
@OwnDataDirectory
class AlertingTest {

    // why: the videos this class makes, apart from the data directory
    @TempDir
    static Path videos;

    @LocalServerPort
    int port;

    @Autowired
    AlertHistory history;

    @Autowired
    ProcessNode node;

    @Autowired
    Events events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tasks tasks;

    @Test
    void firesWhenAThresholdIsCrossedAndResolvesWhenItIsBack() throws Exception {
        Api api = new Api(port);
        Api.User user = api.newUser("alerts");
        Api.User admin = api.newUser("oncall");
        jdbc.sql("update users set admin = true where username = ?")
                .param(admin.username())
                .update();
        Path clip = new Videos(videos).h264("waiting.mp4", "1280x720", 12, true);

        String mediaId = upload(api, user, clip).json().path("id").asString();

        AlertFired fired =
                await().atMost(Duration.ofSeconds(60)).until(() -> events.fired("video-waiting"), f -> f != null);
        assertThat(fired.value()).isGreaterThan(1);
        assertThat(fired.threshold()).isEqualTo(1);
        assertThat(fired.node()).isEqualTo(node.name());
        // why: the video may be ready, and the alert resolved, by the time this reads; that it was open in between
        // is checked below, where it resolves after it fired
        assertThat(history.recent(10))
                .extracting(dev.microposts.alerts.Alert::id)
                .contains(fired.alertId());
        // the event cascades: the notifications module tells every admin, and only them
        JsonNode notice = await().atMost(Duration.ofSeconds(30))
                .until(() -> alertNotice(api, admin, "video-waiting"), n -> n != null);
        assertThat(notice.path("reason").asString())
                .contains("A video has waited too long", "threshold 1", node.name());
        assertThat(alertNotice(api, user, "video-waiting")).isNull();

        // why: an upload on no post is visible to its owner alone
        api.awaitMediaReady(user, mediaId, Duration.ofSeconds(120));
        AlertResolved resolved =
                await().atMost(Duration.ofSeconds(30)).until(() -> events.resolved("video-waiting"), r -> r != null);
        assertThat(resolved.alertId()).isEqualTo(fired.alertId());
        assertThat(history.recent(10))
                .filteredOn(alert -> alert.id() == fired.alertId())
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.resolvedAt()).isAfter(alert.firedAt());
                    assertThat(alert.resolvedValue()).isLessThanOrEqualTo(1);
                });
        assertThat(history.firing())
                .extracting(dev.microposts.alerts.Alert::rule)
                .doesNotContain("video-waiting");

        tasks.enqueue(Listener.DOOMED, "{}");
        AlertFired deadLetters =
                await().atMost(Duration.ofSeconds(60)).until(() -> events.fired("dead-letters"), f -> f != null);
        assertThat(deadLetters.value()).isGreaterThanOrEqualTo(1);
        assertThat(deadLetters.severity()).isEqualTo("ticket");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "select count(*) from bus_positions p join bus_events e on e.id = ?"
                                                + " where p.consumer = 'notifications.alert' and (e.tx, e.seq) <= (p.tx, p.seq)")
                                .param(deadLetters.id())
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(alertNotice(api, admin, "dead-letters")).isNotNull();
        assertThat(jdbc.sql("select count(*) from alerts where rule = 'dead-letters'")
                        .query(Long.class)
                        .single())
                .as("one alert per incident")
                .isEqualTo(1);

        assertThat(api.get("/api/v1/admin/alerts", user.token()).status()).isEqualTo(403);
    }

    /** The {@code alert} notification about {@code rule} in {@code user}'s list, or null. */
    private static JsonNode alertNotice(Api api, Api.User user, String rule) {
        for (JsonNode notification :
                api.get("/api/v1/me/notifications", user.token()).json()) {
            if (notification.path("kind").asString().equals("alert")
                    && notification.path("reason").asString().startsWith(rule + ":")) {
                return notification;
            }
        }
        return null;
    }

    private static Api.Response upload(Api api, Api.User user, Path clip) {
        return api.send(api.request("/api/v1/media", user.token())
                .header("Content-Type", "application/octet-stream")
                .POST(bodyOf(clip)));
    }

    private static HttpRequest.BodyPublisher bodyOf(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The alert events as a module sees them: once the change that raised them has committed, as the bus delivers
     * them. A listener inside the transaction would see the event before the alert's row could be read.
     */
    static class Events {
        final List<AlertFired> fired = new CopyOnWriteArrayList<>();
        final List<AlertResolved> resolved = new CopyOnWriteArrayList<>();

        @TransactionalEventListener(fallbackExecution = true)
        void on(AlertFired event) {
            fired.add(event);
        }

        @TransactionalEventListener(fallbackExecution = true)
        void on(AlertResolved event) {
            resolved.add(event);
        }

        AlertFired fired(String rule) {
            return fired.stream().filter(e -> e.rule().equals(rule)).findFirst().orElse(null);
        }

        AlertResolved resolved(String rule) {
            return resolved.stream()
                    .filter(e -> e.rule().equals(rule))
                    .findFirst()
                    .orElse(null);
        }
    }

    @TestConfiguration
    static class Listener {
        static final String DOOMED = "doomed";

        @Bean
        Events alertEvents() {
            return new Events();
        }

        /** A queue whose tasks need something that is down: every attempt fails, and the task is given up on. */
        @Bean
        TaskHandler doomedTasks() {
            return new TaskHandler() {
                @Override
                public String queue() {
                    return DOOMED;
                }

                @Override
                public void handle(Task task) {
                    throw new IllegalStateException("the service this task needs is down");
                }
            };
        }
    }
}
