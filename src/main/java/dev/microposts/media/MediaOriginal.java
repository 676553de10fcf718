package dev.microposts.media;

import java.time.Instant;
import java.util.UUID;

/**
 * A video as its owner uploaded it: where its original file is stored, for a copy the owner takes with them. A
 * video that failed on its own content has no original any more; reading it then finds nothing.
 */
public record MediaOriginal(UUID id, String status, String storageKey, long size, Instant createdAt) {}
