package dev.microposts.media.internal;

import dev.microposts.tasks.PermanentTaskFailure;
import java.util.List;
import java.util.Locale;

/**
 * The ways a video fails for good, each with the steps (queues) that can give up with it. Its kind labels
 * {@code microposts.media.failures}; the reason, in plain words, is what the owner reads.
 */
enum MediaFailure {
    EMPTY("probe"),
    UNREADABLE("probe"),
    TOO_MANY_STREAMS("probe"),
    NO_PICTURE("probe"),
    FRAME_SIZE("probe"),
    FRAME_RATE("probe"),
    TOO_LONG("probe"),
    SOURCE_MISSING("probe", "transcode", "thumbnail"),
    ENCODE_FAILED("transcode", "thumbnail"),
    TIMED_OUT("transcode", "thumbnail"),
    NO_THUMBNAIL("thumbnail");

    private final List<String> steps;

    MediaFailure(String... steps) {
        this.steps = List.of(steps);
    }

    /** {@code too_long}: the failure's kind, as metrics and {@link PermanentTaskFailure#kind()} carry it. */
    String kind() {
        return name().toLowerCase(Locale.ROOT);
    }

    List<String> steps() {
        return steps;
    }

    PermanentTaskFailure because(String reason) {
        return new PermanentTaskFailure(kind(), reason);
    }

    PermanentTaskFailure because(String reason, Throwable cause) {
        return new PermanentTaskFailure(kind(), reason, cause);
    }
}
