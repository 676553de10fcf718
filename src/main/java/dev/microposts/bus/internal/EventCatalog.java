package dev.microposts.bus.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.bus.EventType;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/** Every domain event type of the application, found on the class path; the source of docs/events.md. */
final class EventCatalog {

    static final String BASE_PACKAGE = "dev.microposts";

    private EventCatalog() {}

    static EventType typeOf(Class<?> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalStateException(eventClass.getName() + " is a DomainEvent without @EventType");
        }
        return type;
    }

    /** The class name of the event type {@code name} ({@code microposts.post.published}), or the name itself. */
    static String classOf(String name) {
        return all().stream()
                .filter(type -> typeOf(type).name().equals(name))
                .map(Class::getName)
                .findFirst()
                .orElse(name);
    }

    /** The CloudEvents {@code type} attribute of one version. */
    static String cloudEventType(EventType type, int version) {
        return type.name() + ".v" + version;
    }

    /** The module that publishes an event: the package below {@code dev.microposts}. */
    static String moduleOf(Class<?> eventClass) {
        String rest = eventClass.getPackageName().substring(BASE_PACKAGE.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** All event classes, by type name. */
    static List<Class<? extends DomainEvent>> all() {
        return Scanned.ALL;
    }

    /** why: scanning the class path takes a while; it is done once, when first needed */
    private static final class Scanned {
        static final List<Class<? extends DomainEvent>> ALL = scan();
    }

    private static List<Class<? extends DomainEvent>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(DomainEvent.class));
        return scanner.findCandidateComponents(BASE_PACKAGE).stream()
                .map(definition ->
                        ClassUtils.resolveClassName(definition.getBeanClassName(), EventCatalog.class.getClassLoader()))
                .filter(type -> type.isRecord())
                .<Class<? extends DomainEvent>>map(type -> type.asSubclass(DomainEvent.class))
                .sorted(Comparator.comparing(type -> typeOf(type).name()))
                .toList();
    }
}
