package dev.microposts.media;

import java.util.UUID;

/** A video will not become ready; {@code reason} says why in words its owner understands. */
public record VideoFailed(UUID mediaId, long ownerId, String reason) {}
