package dev.microposts.media.internal;

import java.util.Optional;
import java.util.UUID;

/**
 * Where an item's files live in storage. Everything an item has is under {@code media/<id>/}, so deleting
 * the item is one prefix; its upload is {@code media/<id>/source}; what an attempt at a part makes is under
 * that attempt's lease token, {@code media/<id>/<token>/720.mp4} or {@code .../thumb-320.jpg}, so a
 * redelivered or taken-over attempt never overwrites a file someone may already be served, and whoever takes
 * a part over can delete a dead holder's files by their token alone. A file's URL is its key, so this layout
 * is also the shape of the media URLs.
 */
final class MediaKeys {

    private static final String ROOT = "media/";
    private static final String SOURCE = "source";

    private MediaKeys() {}

    /** The prefix of every object of the item: its upload, and what each attempt made of it. */
    static String itemPrefix(UUID item) {
        return ROOT + item + "/";
    }

    static String source(UUID item) {
        return itemPrefix(item) + SOURCE;
    }

    /** The prefix of what the attempt holding {@code token} stored. */
    static String attemptPrefix(UUID item, UUID token) {
        return itemPrefix(item) + token + "/";
    }

    /** A file an attempt stored, by the name it has in the attempt's work directory too. */
    static String attemptFile(UUID item, UUID token, String fileName) {
        return attemptPrefix(item, token) + fileName;
    }

    /** The file of a rendition, named by its rung: {@code 720.mp4}. */
    static String renditionFile(Ladder.Rung rung) {
        return rung.name() + ".mp4";
    }

    /** A thumbnail's name among an item's outputs: {@code thumb-320}. */
    static String thumbnailName(int width) {
        return "thumb-" + width;
    }

    static String thumbnailFile(int width) {
        return thumbnailName(width) + ".jpg";
    }

    /** The item a key belongs to, if it is under an item's prefix at all. */
    static Optional<UUID> itemOf(String key) {
        String[] segments = key.split("/");
        if (segments.length < 3 || !key.startsWith(ROOT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(segments[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isSource(String key) {
        return itemOf(key).map(item -> source(item).equals(key)).orElse(false);
    }
}
