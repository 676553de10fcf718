package dev.microposts.media;

import java.util.UUID;

/** A video finished processing: every rendition and the thumbnail exist. Published once per item. */
public record VideoReady(UUID mediaId, long ownerId) {}
