package dev.microposts.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.microposts.bus.BusListener;
import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import dev.microposts.support.ApiTest;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * {@code docs/events.md}, the catalogue of every event type, is generated from the code: the event records, their
 * {@link EventType}, their fields, and the listeners of the running application that consume them. After changing
 * an event, refresh it with {@code ./mvnw test -Dtest=EventCatalogDocumentTest -Devents.write=true}.
 */
class EventCatalogDocumentTest extends ApiTest {

    private static final Path CHECKED_IN = Path.of("docs/events.md");

    @Autowired
    ApplicationContext context;

    @Test
    void theCheckedInCatalogueIsTheOneTheCodeDescribes() throws Exception {
        List<Class<? extends DomainEvent>> events = EventCatalog.all();
        assertThat(events)
                .extracting(Class::getSimpleName)
                .contains("PostCreated", "PostPublished", "UserFollowed", "VideoReady", "NotificationAdded");
        Map<Class<?>, List<String>> consumers = consumers(events);
        StringBuilder doc = new StringBuilder();
        doc.append("# Events\n\n")
                .append("Generated from the code by `EventCatalogDocumentTest`; do not edit by hand.\n\n")
                .append("Every event is recorded in the transaction of the change it describes, delivered to the\n")
                .append("in-process listeners below after commit, and sent to the broker's multicast address\n")
                .append(
                        "`microposts.events` as a CloudEvent in JSON (`specversion` 1.0, `id`, `source` `/microposts`,\n")
                .append(
                        "`type` with its version, `time`, `subject`, `datacontenttype` `application/json`, `sequence`,\n")
                .append("`data` with the fields below in snake_case, and `traceparent`, the W3C trace context of the\n")
                .append("request or task that published it, when there was one). Each message also carries the JMS\n")
                .append("properties `ce_type`, `ce_id` and `ce_subject`, for selectors, and `traceparent` (a span of\n")
                .append(
                        "sending, in the same trace). A consumer ignores fields it does not know; while a type has two\n")
                .append("versions, both are sent, with the same `id`.\n\n")
                .append("## Versions and compatibility\n\n")
                .append(
                        "During a rolling upgrade, processes of two releases read the same bus log and the same topic.\n")
                .append("So a field is never removed, renamed or retyped within a version. Such a change is a new\n")
                .append(
                        "version, published beside the old one (as `microposts.post.created` v1 and v2 are) until every\n")
                .append(
                        "consumer of the previous release is gone; only then may the old one stop. Adding a field keeps\n")
                .append("the version: consumers, the in-process listeners too, skip fields they do not know. Task\n")
                .append("payloads follow the same rule, queue by queue.\n\n")
                .append(
                        "Each release keeps a sample of every event type and version, and of every task payload, under\n")
                .append(
                        "`src/test/resources/compat/<release>/`: `events/PostCreated.v2.json` is the whole CloudEvent\n")
                .append(
                        "the relay sends (subscribers outside route on its envelope), `tasks/fanout.json` a payload as\n")
                .append("enqueued. The tests read every release's samples with today's listeners and handlers, and\n")
                .append(
                        "check that today's producers still send every field of the newest release's samples with the\n")
                .append(
                        "same JSON type (a field that was null may take any); a type, version or queue without a sample\n")
                .append("in the newest release fails, unless no release has one (it is new since then, and the next\n")
                .append(
                        "release writes it: give it fixed values in `ReleasedEvents`). Before tagging a release, write\n")
                .append("its samples with\n")
                .append(
                        "`./mvnw test -Dtest='*SamplesTest' -Dcompat.write=0.2.0` (the release's version); a run without\n")
                .append("the property never writes. `RollingUpgradeIT` (see the README's *Upgrading*) then runs the\n")
                .append(
                        "previous release's own build on today's output: its worker takes tasks that processes of this\n")
                .append("tree enqueued, and its listeners and live streams read the events they wrote.\n\n")
                .append("## Deleted accounts and the log's retention\n\n")
                .append(
                        "The bus log is append-only history: consumers replay it from their own positions, and a live\n")
                .append(
                        "stream from the number a browser last saw. So when a member deletes their account, the events\n")
                .append("already logged about them (their username and display name in `microposts.user.registered`,\n")
                .append("a bio in `microposts.user.profile-changed`, a post's text in `microposts.post.created`) are\n")
                .append("not rewritten: a consumer that has not read them yet would read something other than what\n")
                .append(
                        "happened, and outside subscribers have their copy already. They stay until the log is trimmed,\n")
                .append(
                        "`MICROPOSTS_BUS_RETENTION` (7 days by default) after every consumer has passed them, and are\n")
                .append("the only data of a deleted account kept anywhere. `microposts.user.deleted` tells every\n")
                .append("consumer, inside and out, to forget the user; outside subscribers must do so too.\n\n")
                .append("## Types\n\n")
                .append("| type | version | published by | what happened |\n| --- | --- | --- | --- |\n");
        for (Class<? extends DomainEvent> event : events) {
            EventType type = EventCatalog.typeOf(event);
            doc.append("| `")
                    .append(type.name())
                    .append("` | ")
                    .append(versions(event, type))
                    .append(" | ")
                    .append(EventCatalog.moduleOf(event))
                    .append(" | ")
                    .append(type.description())
                    .append(" |\n");
        }
        for (Class<? extends DomainEvent> event : events) {
            EventType type = EventCatalog.typeOf(event);
            doc.append("\n## `").append(type.name()).append("`\n\n");
            doc.append(type.description())
                    .append(" Record `")
                    .append(event.getName())
                    .append("`.\n\n");
            doc.append("Fields of `")
                    .append(EventCatalog.cloudEventType(type, type.version()))
                    .append("`:\n\n");
            fields(event, doc);
            for (Class<?> older : event.getDeclaredClasses()) {
                if (older.isRecord() && older.getSimpleName().matches("V\\d+")) {
                    doc.append("\nFields of `")
                            .append(type.name())
                            .append('.')
                            .append(older.getSimpleName().toLowerCase())
                            .append("` (still published):\n\n");
                    fields(older, doc);
                }
            }
            doc.append("\nConsumed in-process by: ");
            List<String> listeners = consumers.getOrDefault(event, List.of());
            doc.append(
                    listeners.isEmpty()
                            ? "none (broker subscribers and live streams only)"
                            : String.join(", ", listeners));
            doc.append(".\n");
        }
        String generated = doc.toString();
        if (Boolean.getBoolean("events.write")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, generated);
        }
        if (!Files.exists(CHECKED_IN)) {
            fail("docs/events.md is missing; run ./mvnw test -Dtest=EventCatalogDocumentTest -Devents.write=true");
        }
        assertThat(Files.readString(CHECKED_IN))
                .as("docs/events.md is stale; run ./mvnw test -Dtest=EventCatalogDocumentTest -Devents.write=true")
                .isEqualTo(generated);
    }

    private static String versions(Class<?> event, EventType type) {
        List<String> versions = new ArrayList<>();
        for (Class<?> older : event.getDeclaredClasses()) {
            if (older.isRecord() && older.getSimpleName().matches("V\\d+")) {
                versions.add(older.getSimpleName().substring(1));
            }
        }
        versions.add(String.valueOf(type.version()));
        return versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
    }

    private static void fields(Class<?> record, StringBuilder doc) {
        doc.append("| field | type |\n| --- | --- |\n");
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            if (name.equals("id") || name.equals("occurredAt")) {
                continue; // the CloudEvents id and time
            }
            doc.append("| `")
                    .append(name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT))
                    .append("` | ")
                    .append(component.getGenericType().getTypeName().replaceAll("[a-z.]+\\.", ""))
                    .append(" |\n");
        }
    }

    /** Listener methods of the running application, by the event type they take. */
    private Map<Class<?>, List<String>> consumers(List<Class<? extends DomainEvent>> events) {
        Map<Class<?>, List<String>> consumers =
                new TreeMap<>((a, b) -> a.getName().compareTo(b.getName()));
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null || !type.getPackageName().startsWith(EventCatalog.BASE_PACKAGE)) {
                continue;
            }
            Class<?> target =
                    AopUtils.isAopProxy(context.getBean(name)) ? AopUtils.getTargetClass(context.getBean(name)) : type;
            for (Method method : target.getDeclaredMethods()) {
                boolean listener = method.isAnnotationPresent(BusListener.class)
                        || method.isAnnotationPresent(EventListener.class);
                if (listener && method.getParameterCount() == 1) {
                    Class<?> event = method.getGenericParameterTypes()[0] instanceof ParameterizedType list
                            ? (Class<?>) list.getActualTypeArguments()[0]
                            : method.getParameterTypes()[0];
                    String where = EventCatalog.moduleOf(target) + " (`" + target.getSimpleName() + "."
                            + method.getName() + "`"
                            + (method.isAnnotationPresent(EventListener.class) ? ", in the publishing transaction" : "")
                            + ")";
                    for (Class<? extends DomainEvent> candidate : events) {
                        if (event.isAssignableFrom(candidate)) {
                            consumers
                                    .computeIfAbsent(candidate, k -> new ArrayList<>())
                                    .add(where);
                        }
                    }
                }
            }
        }
        consumers.values().forEach(list -> list.sort(String::compareTo));
        return consumers;
    }
}
