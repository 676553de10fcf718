package dev.microposts.refusals;

/** What was asked for does not exist, or the one who asked may not know it does. */
public class NotFound extends Refusal {

    public NotFound(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
