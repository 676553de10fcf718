package dev.microposts.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.bus.DomainEvent;
import dev.microposts.posts.PostDeleted;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events leave the process as CloudEvents on the broker's events topic, where durable subscribers (here, the
 * kind a program in another language would open) read them; an event type in two versions reaches an old and a
 * new consumer side by side; an event exists exactly when its change committed.
 */
class BusTest extends ApiTest {

    /** A consumer written against version 1, which must not trip over fields it does not know. */
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Tracer tracer;

    /** Version 1 of post.created as an old consumer models it. */
    record CreatedV1(long postId, long authorId, String text) {}

    @Test
    void eventsGoToTheBrokerAsCloudEventsInEveryPublishedVersion() throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("microposts.events");
            String run = UUID.randomUUID().toString().substring(0, 8);
            MessageConsumer old =
                    session.createSharedDurableConsumer(topic, "old-" + run, "ce_type = 'microposts.post.created.v1'");
            MessageConsumer current =
                    session.createSharedDurableConsumer(topic, "new-" + run, "ce_type = 'microposts.post.created.v2'");
            MessageConsumer everything = session.createSharedDurableConsumer(topic, "all-" + run);

            Api.User author = api.newUser("bus");
            long postId = api.newPost(author, "on the bus");

            JsonNode v1 = Api.JSON.readTree(((TextMessage) old.receive(10_000)).getText());
            JsonNode v2 = Api.JSON.readTree(((TextMessage) current.receive(10_000)).getText());
            for (JsonNode event : List.of(v1, v2)) {
                assertThat(event.path("specversion").asString()).isEqualTo("1.0");
                assertThat(event.path("source").asString()).isEqualTo("/microposts");
                assertThat(event.path("subject").asString()).isEqualTo("posts/" + postId);
                assertThat(event.path("datacontenttype").asString()).isEqualTo("application/json");
                assertThat(OffsetDateTime.parse(event.path("time").asString())).isNotNull();
            }
            assertThat(v1.path("type").asString()).isEqualTo("microposts.post.created.v1");
            assertThat(v2.path("type").asString()).isEqualTo("microposts.post.created.v2");
            assertThat(v1.path("id").asString()).isEqualTo(v2.path("id").asString());
            // the old consumer reads its shape; the new one has the fields version 2 added
            CreatedV1 read = LENIENT.treeToValue(v1.path("data"), CreatedV1.class);
            assertThat(read).isEqualTo(new CreatedV1(postId, read.authorId(), "on the bus"));
            assertThat(v1.path("data").has("media_ids")).isFalse();
            assertThat(v2.path("data").path("media_ids").isArray()).isTrue();
            assertThat(v2.path("data").path("published").asBoolean()).isTrue();
            assertThat(LENIENT.treeToValue(v2.path("data"), CreatedV1.class).postId())
                    .isEqualTo(postId);

            List<String> types = new ArrayList<>();
            for (int i = 0; i < 20 && !types.contains("microposts.post.published.v1"); i++) {
                TextMessage message = (TextMessage) everything.receive(10_000);
                assertThat(message).isNotNull();
                JsonNode event = Api.JSON.readTree(message.getText());
                if (event.path("subject").asString().equals("posts/" + postId)) {
                    types.add(event.path("type").asString());
                }
            }
            assertThat(types)
                    .contains(
                            "microposts.post.created.v1", "microposts.post.created.v2", "microposts.post.published.v1");
            old.close();
            current.close();
            everything.close();
            session.unsubscribe("old-" + run);
            session.unsubscribe("new-" + run);
            session.unsubscribe("all-" + run);
        }
    }

    @Test
    void anEventCarriesTheTraceItWasPublishedIn() throws Exception {
        long postId = -5 - new java.util.Random().nextInt(1_000_000);
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(
                    session.createTopic("microposts.events"), "ce_subject = 'posts/" + postId + "'");

            Span span = tracer.nextSpan().name("a request").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                transactions.executeWithoutResult(status -> events.publishEvent(
                        new PostDeleted(DomainEvent.newId(), Instant.now(), postId, -5, List.of())));
            } finally {
                span.end();
            }

            TextMessage message = (TextMessage) consumer.receive(10_000);
            assertThat(message).isNotNull();
            String traceId = span.context().traceId();
            assertThat(message.getStringProperty("traceparent"))
                    .as("the publisher's trace travels with the event, for subscribers' logs")
                    .startsWith("00-" + traceId + "-");
            assertThat(Api.JSON.readTree(message.getText()).path("traceparent").asString())
                    .as("and in the CloudEvent itself (the distributed tracing extension)")
                    .startsWith("00-" + traceId + "-");
            consumer.close();
        }
    }

    @Test
    void anEventExistsExactlyWhenItsChangeCommitted() {
        UUID rolledBack = DomainEvent.newId();
        UUID committed = DomainEvent.newId();
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new PostDeleted(rolledBack, Instant.now(), -1, -1, List.of()));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(
                status -> events.publishEvent(new PostDeleted(committed, Instant.now(), -2, -2, List.of())));
        assertThat(logged(rolledBack)).isZero();
        assertThat(logged(committed)).isOne();
    }

    private int logged(UUID id) {
        return jdbc.sql("select count(*) from bus_events where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }
}
