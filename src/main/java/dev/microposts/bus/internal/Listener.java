package dev.microposts.bus.internal;

import dev.microposts.bus.BusListener;
import dev.microposts.bus.DomainEvent;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.aop.support.AopUtils;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** One {@link BusListener} method of one bean: the consumer it is, the event type it takes, and how to call it. */
final class Listener {

    private final String consumer;
    private final Object bean;
    private final Method method;
    private final Class<? extends DomainEvent> eventClass;
    private final boolean batch;

    private Listener(
            String consumer, Object bean, Method method, Class<? extends DomainEvent> eventClass, boolean batch) {
        this.consumer = consumer;
        this.bean = bean;
        this.method = method;
        this.eventClass = eventClass;
        this.batch = batch;
    }

    /** The listener of {@code method}, which takes one event or a {@code List} of one event type. */
    static Listener of(Object bean, Method method) {
        BusListener annotation = method.getAnnotation(BusListener.class);
        Type[] parameters = method.getGenericParameterTypes();
        if (parameters.length != 1) {
            throw new IllegalStateException(method + ": a @BusListener takes one event or a List of them");
        }
        boolean batch = parameters[0] instanceof ParameterizedType list && list.getRawType() == List.class;
        Type eventType = batch ? ((ParameterizedType) parameters[0]).getActualTypeArguments()[0] : parameters[0];
        if (!(eventType instanceof Class<?> eventClass) || !DomainEvent.class.isAssignableFrom(eventClass)) {
            throw new IllegalStateException(method + ": a @BusListener takes a DomainEvent record or a List of one");
        }
        EventCatalog.typeOf(eventClass);
        method.setAccessible(true);
        return new Listener(annotation.value(), bean, method, eventClass.asSubclass(DomainEvent.class), batch);
    }

    String consumer() {
        return consumer;
    }

    /** The event type it reads, as the bus log names it ({@code microposts.post.published}). */
    String type() {
        return EventCatalog.typeOf(eventClass).name();
    }

    Class<? extends DomainEvent> eventClass() {
        return eventClass;
    }

    /** The method's full name, {@code dev.microposts....TimelineReactions.on(dev.microposts.posts.PostPublished)}. */
    String name() {
        String parameters = Arrays.stream(method.getParameterTypes())
                .map(type -> batch ? List.class.getName() : type.getName())
                .collect(Collectors.joining(","));
        return method.getDeclaringClass().getName() + "." + method.getName() + "(" + parameters + ")";
    }

    /** The events as the listener's records; the log keeps their envelope apart from their data. */
    List<DomainEvent> decode(List<LoggedEvent> events, ObjectMapper json) {
        return events.stream().map(event -> decode(event, eventClass, json)).toList();
    }

    /**
     * One logged event as the record {@code eventClass}; the compatibility tests read each release's with it. A
     * field this release does not know is skipped, not refused, although the application's mapper refuses them
     * in API requests: a later release may add one to a version while this one still reads the same log.
     */
    static DomainEvent decode(LoggedEvent event, Class<? extends DomainEvent> eventClass, ObjectMapper json) {
        ObjectNode node = (ObjectNode) json.readTree(event.data());
        node.put("id", event.id().toString());
        node.put("occurred_at", event.occurredAt().toString());
        return json.readerFor(eventClass)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(node);
    }

    /** Hands the listener these events, in one call if it takes a batch. */
    void apply(List<DomainEvent> events) {
        if (batch) {
            invoke(events);
        } else {
            events.forEach(this::invoke);
        }
    }

    private void invoke(Object argument) {
        try {
            AopUtils.invokeJoinpointUsingReflection(bean, method, new Object[] {argument});
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return consumer;
    }
}
