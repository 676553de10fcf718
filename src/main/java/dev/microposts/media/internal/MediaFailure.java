package dev.microposts.media.internal;

import dev.microposts.tasks.PermanentTaskFailure;
import dev.microposts.tasks.TaskFailure;
import java.util.List;
import java.util.Locale;

/**
 * The ways a video fails for good, each with the steps (queues) that can give up with it. Its kind labels
 * {@code microposts.media.failures}; the reason, in plain words, is what the owner reads. Those reasons are
 * written here in the module, from the file's own facts and the limits; anything else that ends a video (an
 * exception, a lost worker) reaches its owner as one of two fixed sentences, with the details in the log.
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

    static final String TOOK_TOO_LONG = "Processing the video took longer than the time limit allows.";
    static final String SERVER_PROBLEM = "The video could not be processed because of a problem on our side.";

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

    /**
     * What the owner reads for a failure: the module's own words for its own kinds, a fixed sentence for the
     * rest, whose reason may carry an exception's message, a path, or a worker's internals.
     */
    static String ownerReason(TaskFailure failure) {
        if (failure.kind().equals(TaskFailure.TIMED_OUT)) {
            return TOOK_TOO_LONG;
        }
        for (MediaFailure known : values()) {
            if (known.kind().equals(failure.kind())) {
                return failure.reason();
            }
        }
        return SERVER_PROBLEM;
    }

    PermanentTaskFailure because(String reason) {
        return new PermanentTaskFailure(kind(), reason);
    }

    PermanentTaskFailure because(String reason, Throwable cause) {
        return new PermanentTaskFailure(kind(), reason, cause);
    }
}
