package dev.microposts.tasks;

/**
 * A failure that another attempt cannot fix (a file that is not a video, say). Its message is shown to users; its
 * kind is a short stable word ({@code too_long}, {@code unreadable}) for metrics and for code that reacts to the
 * failure. The task is not retried and does not go to the dead-letter queue: that queue is for failures an
 * operator can do something about, and a retry of this one would fail the same way.
 */
public class PermanentTaskFailure extends RuntimeException {

    private final String kind;

    public PermanentTaskFailure(String kind, String reason) {
        this(kind, reason, null);
    }

    public PermanentTaskFailure(String kind, String reason, Throwable cause) {
        super(reason, cause);
        if (kind == null || !kind.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a failure's kind is a lower-case word: " + kind);
        }
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
