package dev.microposts.refusals;

/** The credentials given do not identify anyone. */
public class NotSignedIn extends Refusal {

    public NotSignedIn(String message) {
        super(Reason.NOT_SIGNED_IN, message);
    }
}
