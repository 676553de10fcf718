package dev.microposts.storage;

/**
 * What storage knows about one object.
 *
 * @param size its length in bytes
 * @param contentType the media type it was stored with, such as {@code video/mp4}
 */
public record StoredObject(String key, long size, String contentType) {}
