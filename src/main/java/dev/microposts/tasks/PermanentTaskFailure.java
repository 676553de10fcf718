package dev.microposts.tasks;

/** A failure that another attempt cannot fix (a corrupt file, say). Its message is shown to users. */
public class PermanentTaskFailure extends RuntimeException {

    public PermanentTaskFailure(String reason) {
        super(reason);
    }

    public PermanentTaskFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
