package dev.microposts.exports.internal;

import java.time.Instant;
import java.util.UUID;

/** One export as stored: its archive exists in storage under {@code storageKey} once it is {@code ready}. */
record Export(
        UUID id,
        long ownerId,
        String status,
        String reason,
        String storageKey,
        Long size,
        Instant createdAt,
        Instant readyAt,
        Instant expiresAt) {

    static final String BUILDING = "building";
    static final String READY = "ready";
    static final String FAILED = "failed";

    boolean ready() {
        return status.equals(READY);
    }
}
