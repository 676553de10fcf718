package dev.microposts.bus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CloudEvents type of a {@link DomainEvent}: {@code name} plus {@code .v} and the version, e.g.
 * {@code microposts.post.created.v2}. A change a consumer could not ignore (a field removed, renamed or
 * retyped) is a new version; adding a field is not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Dotted name, {@code microposts.<module>.<what happened>}. */
    String name();

    /** The current version; older ones come from {@link DomainEvent#olderVersions()}. */
    int version() default 1;

    /** One sentence for the event catalogue. */
    String description();
}
