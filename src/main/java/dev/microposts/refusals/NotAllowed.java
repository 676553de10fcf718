package dev.microposts.refusals;

/** The one who asked may not do this to what they named. */
public class NotAllowed extends Refusal {

    public NotAllowed(String message) {
        super(Reason.NOT_ALLOWED, message);
    }
}
