package dev.microposts.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.MicroPostsApplicationAccess;
import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import dev.microposts.support.Ports;
import dev.microposts.support.StandaloneBroker;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The bus under faults, with MicroPosts as a separate process on a standalone broker: the broker stops while
 * posts are written (the posts commit; a listener that needs the broker fails and is retried while the others go
 * on; the events wait), then the process is killed before anything could be delivered. After the broker and the
 * process come back, every event reaches the durable subscriber exactly once and every timeline is complete.
 * Meanwhile an admin (made by the {@code create-user --admin} command) lists what did not finish and resubmits
 * it through the ops endpoints, which others cannot reach; after the restart nothing is left incomplete.
 */
class BusFaultsTest {

    private static final int POSTS = 5;

    @Test
    void eventsWaitForTheBrokerAndSurviveAKilledProcess(@TempDir Path root) throws Exception {
        int brokerPort = Ports.free();
        Path journal = root.resolve("broker");
        StandaloneBroker broker = StandaloneBroker.start(journal, brokerPort, true);
        Map<String, String> environment = new HashMap<>(Map.of(
                "BROKER_URL", broker.url(),
                "MICROPOSTS_BUS_RETRY_BACKOFF", "200ms",
                "MICROPOSTS_BUS_MAX_RETRY_BACKOFF", "1s",
                "MICROPOSTS_BUS_REDELIVERY_INTERVAL", "500ms",
                "MICROPOSTS_BUS_RELAY_INTERVAL", "200ms",
                // why: every post goes through a fan-out task, so the timeline's listener needs the broker
                "MICROPOSTS_TIMELINE_INLINE_FANOUT", "0"));
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        subscribe(factory).close(); // the durable subscription outlives its consumer and the broker's restart

        Path dataDir = root.resolve("app");
        Path log = root.resolve("app.log");
        Api.User author;
        Api.User follower;
        Api.User named;
        List<Long> written = new ArrayList<>();
        java.nio.file.Files.createDirectories(dataDir);
        ByteArrayOutputStream commandOutput = new ByteArrayOutputStream();
        int adminCreated = MicroPostsApplicationAccess.runAdminCommand(
                new String[] {"create-user", "operator", "--admin", "--microposts.data-dir=" + dataDir},
                Api.STRONG_PASSWORD + "\n",
                new PrintStream(commandOutput, true, StandardCharsets.UTF_8));
        assertThat(adminCreated)
                .as(commandOutput.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(commandOutput.toString(StandardCharsets.UTF_8)).contains("Created admin 'operator'");
        AppProcess first = AppProcess.start(java.nio.file.Files.createDirectories(dataDir), log, environment);
        try {
            Api api = first.api();
            author = api.newUser("faulty");
            follower = api.newUser("patient");
            named = api.newUser("mentioned");
            assertThat(api.put("/api/v1/me/following/" + author.username(), null, follower.token())
                            .status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/v1/me/notifications", author.token())
                                    .json()
                                    .size()
                            == 1);

            broker.stop();
            for (int i = 0; i < POSTS; i++) {
                var created = api.post(
                        "/api/v1/me/collection",
                        Map.of("text", "written while the broker is down " + i, "referenced", named.username()),
                        author.token());
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                written.add(created.json().path("id").asLong());
            }
            // the listener that needs the broker (the timeline fan-out) fails and is retried; the others go on
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/v1/me/notifications", named.token())
                                    .json()
                                    .size()
                            == POSTS);
            // why: an attempt fails only when the broker client gives up on the dead connection, which takes
            // from a few seconds up to its 30 s call timeout
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            api.get("/actuator/prometheus").body().contains("microposts_events_listener_failures"));
            assertThat(first.log()).contains("Listener TimelineReactions.on failed");
            assertThat(timeline(api, follower)).doesNotContainAnyElementsOf(written);

            // the operator sees what did not finish, and only the operator
            String operator = api.token("operator", Api.STRONG_PASSWORD);
            assertThat(api.get("/api/v1/admin/events/incomplete", null).status())
                    .isEqualTo(401);
            var refused = api.get("/api/v1/admin/events/incomplete", follower.token());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            JsonNode incomplete =
                    api.get("/api/v1/admin/events/incomplete", operator).json();
            assertThat(incomplete.path("deliveries_total").asLong()).isGreaterThanOrEqualTo(POSTS);
            assertThat(incomplete
                            .path("deliveries")
                            .valueStream()
                            .filter(d -> d.path("listener").asString().contains("TimelineReactions")
                                    && d.path("event_type").asString().endsWith("PostPublished"))
                            .count())
                    .isEqualTo(POSTS);
            assertThat(incomplete.path("unsent_total").asLong()).isGreaterThanOrEqualTo(POSTS);
            assertThat(incomplete.path("unsent").get(0).path("last_error").asString())
                    .isNotBlank();
            assertThat(api.post(
                                    "/api/v1/admin/events/incomplete/" + java.util.UUID.randomUUID() + "/resubmit",
                                    null,
                                    operator)
                            .status())
                    .isEqualTo(404);
            var resubmitted = api.post("/api/v1/admin/events/resubmit", null, operator);
            assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(200);
            assertThat(resubmitted.json().path("deliveries").asLong()).isGreaterThanOrEqualTo(POSTS);
            assertThat(resubmitted.json().path("unsent_events").asInt()).isGreaterThanOrEqualTo(POSTS);
            first.kill();
        } finally {
            first.close();
        }

        broker = StandaloneBroker.start(journal, brokerPort, true);
        try (AppProcess second = AppProcess.start(dataDir, log, environment)) {
            Api api = second.api();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(timeline(api, follower)).containsAll(written));

            Map<String, Integer> published = new HashMap<>();
            try (Connection connection = subscribe(factory)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer =
                        session.createSharedDurableConsumer(session.createTopic("microposts.events"), "faults-audit");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (TextMessage message = (TextMessage) consumer.receive(1_000);
                            message != null;
                            message = (TextMessage) consumer.receive(1_000)) {
                        JsonNode event = Api.JSON.readTree(message.getText());
                        if (event.path("type").asString().equals("microposts.post.published.v1")) {
                            published.merge(event.path("subject").asString(), 1, Integer::sum);
                        }
                    }
                    return written.stream().allMatch(id -> published.containsKey("posts/" + id));
                });
                // and nothing twice: the relay marks what the broker took
                for (TextMessage message = (TextMessage) consumer.receive(2_000);
                        message != null;
                        message = (TextMessage) consumer.receive(2_000)) {
                    JsonNode event = Api.JSON.readTree(message.getText());
                    if (event.path("type").asString().equals("microposts.post.published.v1")) {
                        published.merge(event.path("subject").asString(), 1, Integer::sum);
                    }
                }
            }
            for (long id : written) {
                assertThat(published.get("posts/" + id)).as("post " + id).isEqualTo(1);
            }
            assertThat(api.get("/api/v1/me/notifications", named.token()).json())
                    .hasSize(POSTS);
            String operator = api.token("operator", Api.STRONG_PASSWORD);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode incomplete =
                        api.get("/api/v1/admin/events/incomplete", operator).json();
                assertThat(incomplete.path("deliveries_total").asLong()).isZero();
                assertThat(incomplete.path("unsent_total").asLong()).isZero();
            });
        } finally {
            broker.stop();
        }
    }

    private static List<Long> timeline(Api api, Api.User user) {
        return api.get("/api/v1/me/timeline?limit=100", user.token())
                .json()
                .valueStream()
                .map(p -> p.path("id").asLong())
                .toList();
    }

    /** A connection with the durable subscription {@code faults-audit} on the events topic. */
    private static Connection subscribe(ActiveMQConnectionFactory factory) throws Exception {
        Connection connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createSharedDurableConsumer(session.createTopic("microposts.events"), "faults-audit")
                .close();
        return connection;
    }
}
