package dev.microposts.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.microposts.accounts.AdminChanged;
import dev.microposts.accounts.ProfileChanged;
import dev.microposts.accounts.UserBlocked;
import dev.microposts.accounts.UserMuted;
import dev.microposts.accounts.UserRegistered;
import dev.microposts.accounts.UserUnblocked;
import dev.microposts.accounts.UserUnmuted;
import dev.microposts.alerts.AlertFired;
import dev.microposts.alerts.AlertResolved;
import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import dev.microposts.compat.CompatSamples;
import dev.microposts.compat.JsonShape;
import dev.microposts.media.VideoFailed;
import dev.microposts.media.VideoProbed;
import dev.microposts.media.VideoReady;
import dev.microposts.notifications.NotificationAdded;
import dev.microposts.posts.PostCreated;
import dev.microposts.posts.PostDeleted;
import dev.microposts.posts.PostEdited;
import dev.microposts.posts.PostPublished;
import dev.microposts.timeline.UserFollowed;
import dev.microposts.timeline.UserUnfollowed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events each release sent are still read by today's consumers, and today's producers still send what each
 * release's consumers read. During a rolling upgrade both happen at once: a process of the previous release reads
 * the bus log and the topic that new processes write, and the other way round.
 *
 * <p>A sample is the whole CloudEvent the relay sends, not only its data: subscribers outside the application
 * select and route on the envelope ({@code type}, {@code id}, {@code subject}, {@code time}), so it is part of
 * what a release promises. Only the mapper of the application is started: the one the bus writes and reads with.
 */
@SpringBootTest(classes = JacksonAutoConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EventSamplesTest {

    private static final String KIND = "events";

    @Autowired
    ObjectMapper json;

    @Test
    void everyTypeAndVersionHasASampleInTheNewestRelease() {
        String newest = CompatSamples.newest();
        Map<Class<? extends DomainEvent>, DomainEvent> fixed = ReleasedEvents.all();
        List<String> missing = new ArrayList<>();
        for (Class<? extends DomainEvent> type : EventCatalog.all()) {
            DomainEvent event = fixed.get(type);
            if (event == null) {
                missing.add(type.getSimpleName() + " (give it fixed values in ReleasedEvents first)");
                continue;
            }
            for (int version : versions(event)) {
                String name = sampleName(type, version);
                // why: a type or version no release has sent yet is new in this one; cutting the release writes its
                // first sample (RELEASING.md), and from then on it is held to it
                if (CompatSamples.file(newest, KIND, name).isEmpty() && sentByARelease(name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing)
                .as(
                        "event types without a sample in %s; write them with -D%s=%s",
                        CompatSamples.where(newest), CompatSamples.WRITE_PROPERTY, newest)
                .isEmpty();
    }

    /** Writes today's events as a release's samples, only when a release is named on the command line. */
    @Test
    void writesTodaysSamplesOnlyWhenAsked() {
        int written = 0;
        for (DomainEvent event : ReleasedEvents.all().values()) {
            for (int version : versions(event)) {
                if (CompatSamples.writeIfAsked(
                        json, KIND, sampleName(event.getClass(), version), today(event, version))) {
                    written++;
                }
            }
        }
        long typesAndVersions = ReleasedEvents.all().values().stream()
                .mapToLong(event -> versions(event).size())
                .sum();
        assertThat(written)
                .as("samples written")
                .isEqualTo(System.getProperty(CompatSamples.WRITE_PROPERTY) == null ? 0 : typesAndVersions);
    }

    static Stream<Arguments> everySample() {
        return CompatSamples.releases().stream().flatMap(release -> CompatSamples.files(release, KIND).stream()
                .map(file -> Arguments.of(release, file.getFileName().toString(), file)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySample")
    void todaysConsumersReadTheSample(String release, String name, Path file) {
        JsonNode cloudEvent = json.readTree(CompatSamples.text(file));
        assertThat(cloudEvent.path("specversion").asString()).isEqualTo("1.0");
        assertThat(cloudEvent.path("source").asString()).isEqualTo("/microposts");
        assertThat(cloudEvent.path("datacontenttype").asString()).isEqualTo("application/json");
        String type = cloudEvent.path("type").asString();
        assertThat(type).matches("microposts\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
        String typeName = type.substring(0, type.lastIndexOf(".v"));
        int version = Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
        Class<? extends DomainEvent> record = EventCatalog.all().stream()
                .filter(candidate -> EventCatalog.typeOf(candidate).name().equals(typeName))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        type + " (in " + CompatSamples.where(release) + ") has no event record any more"));
        assertThat(name).isEqualTo(sampleName(record, version));
        LoggedEvent logged = logged(cloudEvent, typeName, version);
        int current = EventCatalog.typeOf(record).version();
        if (version == current) {
            // the bus log holds the current version's data; every listener decodes it this way
            DomainEvent event = Listener.decode(logged, record, json);
            assertThat(event.id()).isEqualTo(logged.id());
            assertThat(event.occurredAt()).isEqualTo(logged.occurredAt());
            assertThat(event.subject()).isEqualTo(logged.subject());
            assertKeyFields(event);
        } else if (version < current) {
            // an older version only travels on the topic, to subscribers not yet moved; it must still be the
            // older record's data, which the relay sends as the log keeps it
            Object older = ReleasedEvents.all().get(record).olderVersions().get(version);
            if (older != null) {
                assertKeyFields(json.treeToValue(cloudEvent.path("data"), older.getClass()));
            }
        } else {
            fail(type + " in " + CompatSamples.where(release) + " is newer than today's v" + current);
        }
    }

    /**
     * A process of the next release may add a field to a version; a listener of this one, still running beside
     * it, reads the same log and must go on.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySample")
    void aListenerIgnoresAFieldAddedByALaterRelease(String release, String name, Path file) {
        JsonNode cloudEvent = json.readTree(CompatSamples.text(file));
        String type = cloudEvent.path("type").asString();
        String typeName = type.substring(0, type.lastIndexOf(".v"));
        int version = Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
        Class<? extends DomainEvent> record = EventCatalog.all().stream()
                .filter(candidate -> EventCatalog.typeOf(candidate).name().equals(typeName))
                .findFirst()
                .orElseThrow();
        if (version != EventCatalog.typeOf(record).version()) {
            return;
        }
        ((ObjectNode) cloudEvent.path("data")).put("added_in_a_later_release", "a value this release knows nothing of");

        DomainEvent event = Listener.decode(logged(cloudEvent, typeName, version), record, json);

        assertKeyFields(event);
    }

    /** Every type and version some release sent; those added since have no release's shape to keep yet. */
    static Stream<Arguments> everyTypeAndVersion() {
        return ReleasedEvents.all().values().stream()
                .flatMap(event -> versions(event).stream().map(version -> Arguments.of(event, version)));
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyTypeAndVersion")
    void todaysProducersKeepTheShapeOfTheNewestRelease(DomainEvent event, int version) {
        String newest = CompatSamples.newest();
        String name = sampleName(event.getClass(), version);
        Assumptions.assumeTrue(sentByARelease(name), name + " is new since " + newest + ": no release reads it yet");
        Path sample = CompatSamples.file(newest, KIND, name)
                .orElseThrow(() -> new AssertionError(name + " has no sample in " + CompatSamples.where(newest)));
        JsonNode released = json.readTree(CompatSamples.text(sample));
        JsonNode current = json.readTree(today(event, version));
        int next = EventCatalog.typeOf(event.getClass()).version() + 1;
        String what = event.getClass().getSimpleName() + " v" + version;
        List<String> dataBreaks = JsonShape.breaks(released.path("data"), current.path("data"));
        if (!dataBreaks.isEmpty()) {
            fail(what + " " + String.join(", ", dataBreaks) + " (in " + CompatSamples.where(newest)
                    + "): publish a new version (v" + next + ") instead of changing v" + version);
        }
        ObjectNode releasedEnvelope = ((ObjectNode) released).deepCopy();
        releasedEnvelope.remove("data");
        assertThat(JsonShape.breaks(releasedEnvelope, current))
                .as(
                        "the CloudEvent envelope of %s, against %s: subscribers outside route on it",
                        what, CompatSamples.where(newest))
                .isEmpty();
    }

    /** Today's CloudEvent for one version of the event, as the bus log stores it and the relay sends it. */
    String today(DomainEvent event, int version) {
        EventType type = EventCatalog.typeOf(event.getClass());
        Object data = version == type.version() ? event : event.olderVersions().get(version);
        String dataText = json.writeValueAsString(BusLog.data(json, data));
        LoggedEvent logged = new LoggedEvent(
                new Position(1, ReleasedEvents.SEQUENCE),
                event.id(),
                type.name(),
                type.version(),
                event.subject(),
                event.occurredAt(),
                dataText,
                "{}",
                ReleasedEvents.TRACEPARENT);
        return Relay.cloudEvent(json, logged, version, dataText);
    }

    private static LoggedEvent logged(JsonNode cloudEvent, String typeName, int version) {
        return new LoggedEvent(
                new Position(1, Long.parseLong(cloudEvent.path("sequence").asString())),
                UUID.fromString(cloudEvent.path("id").asString()),
                typeName,
                version,
                cloudEvent.path("subject").asString(),
                Instant.parse(cloudEvent.path("time").asString()),
                cloudEvent.path("data").toString(),
                "{}",
                cloudEvent.path("traceparent").asString(null));
    }

    /** Whether any release sent this type and version, and so has consumers that read it. */
    private static boolean sentByARelease(String name) {
        return CompatSamples.releases().stream()
                .anyMatch(release -> CompatSamples.file(release, KIND, name).isPresent());
    }

    static TreeSet<Integer> versions(DomainEvent event) {
        TreeSet<Integer> versions = new TreeSet<>(event.olderVersions().keySet());
        versions.add(EventCatalog.typeOf(event.getClass()).version());
        return versions;
    }

    static String sampleName(Class<?> record, int version) {
        return record.getSimpleName() + ".v" + version + ".json";
    }

    /** A few fields per type that its consumers act on, with the fixed values the samples were written with. */
    private static void assertKeyFields(Object event) {
        if (event instanceof PostCreated created) {
            assertThat(created.postId()).isEqualTo(42);
            assertThat(created.authorId()).isEqualTo(7);
            assertThat(created.text()).startsWith("Sunset over the harbour");
            assertThat(created.mediaIds()).containsExactly(ReleasedEvents.VIDEO, ReleasedEvents.SECOND_VIDEO);
            assertThat(created.published()).isFalse();
        } else if (event instanceof PostCreated.V1 created) {
            assertThat(created.postId()).isEqualTo(42);
            assertThat(created.authorId()).isEqualTo(7);
            assertThat(created.text()).startsWith("Sunset over the harbour");
        } else if (event instanceof PostPublished published) {
            assertThat(published.postId()).isEqualTo(42);
            assertThat(published.authorId()).isEqualTo(7);
            assertThat(published.referencedId()).isEqualTo(41L);
        } else if (event instanceof PostEdited edited) {
            assertThat(edited.postId()).isEqualTo(42);
            assertThat(edited.version()).isEqualTo(2);
            assertThat(edited.text()).endsWith("evening ferry");
        } else if (event instanceof PostDeleted deleted) {
            assertThat(deleted.postId()).isEqualTo(42);
            assertThat(deleted.mediaIds()).containsExactly(ReleasedEvents.VIDEO);
        } else if (event instanceof UserRegistered registered) {
            assertThat(registered.userId()).isEqualTo(7);
            assertThat(registered.username()).isEqualTo("ada");
            assertThat(registered.displayName()).isEqualTo("Ada Lovelace");
        } else if (event instanceof ProfileChanged changed) {
            assertThat(changed.userId()).isEqualTo(7);
            assertThat(changed.displayName()).isEqualTo("Ada Lovelace");
            assertThat(changed.bio()).isEqualTo("Counting engines and kites.");
        } else if (event instanceof AdminChanged changed) {
            assertThat(changed.userId()).isEqualTo(7);
            assertThat(changed.admin()).isTrue();
        } else if (event instanceof UserFollowed followed) {
            assertThat(followed.followerId()).isEqualTo(9);
            assertThat(followed.followeeId()).isEqualTo(7);
        } else if (event instanceof UserUnfollowed unfollowed) {
            assertThat(unfollowed.followerId()).isEqualTo(9);
            assertThat(unfollowed.followeeId()).isEqualTo(7);
        } else if (event instanceof UserBlocked blocked) {
            assertThat(blocked.blockerId()).isEqualTo(7);
            assertThat(blocked.blockedId()).isEqualTo(9);
        } else if (event instanceof UserUnblocked unblocked) {
            assertThat(unblocked.blockerId()).isEqualTo(7);
            assertThat(unblocked.blockedId()).isEqualTo(9);
        } else if (event instanceof UserMuted muted) {
            assertThat(muted.muterId()).isEqualTo(7);
            assertThat(muted.mutedId()).isEqualTo(9);
        } else if (event instanceof UserUnmuted unmuted) {
            assertThat(unmuted.muterId()).isEqualTo(7);
            assertThat(unmuted.mutedId()).isEqualTo(9);
        } else if (event instanceof VideoProbed probed) {
            assertThat(probed.mediaId()).isEqualTo(ReleasedEvents.VIDEO);
            assertThat(probed.duration()).isEqualTo(12.5);
            assertThat(probed.width()).isEqualTo(1920);
            assertThat(probed.height()).isEqualTo(1080);
            assertThat(probed.renditions()).isEqualTo(3);
        } else if (event instanceof VideoReady ready) {
            assertThat(ready.mediaId()).isEqualTo(ReleasedEvents.VIDEO);
            assertThat(ready.ownerId()).isEqualTo(7);
        } else if (event instanceof VideoFailed failed) {
            assertThat(failed.mediaId()).isEqualTo(ReleasedEvents.VIDEO);
            assertThat(failed.ownerId()).isEqualTo(7);
            assertThat(failed.reason()).isNotBlank();
        } else if (event instanceof NotificationAdded added) {
            assertThat(added.notificationId()).isEqualTo(311);
            assertThat(added.userId()).isEqualTo(9);
            assertThat(added.kind()).isEqualTo("followed");
        } else if (event instanceof AlertFired fired) {
            assertThat(fired.alertId()).isEqualTo(3);
            assertThat(fired.rule()).isEqualTo("transcode-backlog");
            assertThat(fired.value()).isEqualTo(64.0);
            assertThat(fired.threshold()).isEqualTo(50.0);
        } else if (event instanceof AlertResolved resolved) {
            assertThat(resolved.alertId()).isEqualTo(3);
            assertThat(resolved.firedAt()).isEqualTo(ReleasedEvents.ALERT_FIRED);
            assertThat(resolved.value()).isEqualTo(12.0);
        } else {
            fail("no key fields known for " + event.getClass().getName() + ": add them here");
        }
    }
}
