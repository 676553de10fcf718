package dev.microposts.refusals;

/** There is no room left to store it. */
public class NoSpace extends Refusal {

    public NoSpace(String message) {
        super(Reason.NO_SPACE, message);
    }
}
