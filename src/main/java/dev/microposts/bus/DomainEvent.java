package dev.microposts.bus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened in one module that others may react to. Every event is a record annotated with its
 * {@link EventType}, carries its own id (the CloudEvents {@code id}, and what inboxes remember) and the moment it
 * happened, and names what it is about.
 */
public interface DomainEvent {

    /** Unique per event; a redelivered event keeps its id. */
    UUID id();

    Instant occurredAt();

    /** What the event is about, as CloudEvents' {@code subject}: {@code posts/42}, {@code users/7}. */
    String subject();

    /**
     * The event as consumers of older versions of its type read it, by version. Empty when only the current
     * version is published; while a new version rolls out, both are published (see docs/events.md).
     */
    default Map<Integer, Object> olderVersions() {
        return Map.of();
    }

    /** A fresh event id. */
    static UUID newId() {
        return UUID.randomUUID();
    }
}
