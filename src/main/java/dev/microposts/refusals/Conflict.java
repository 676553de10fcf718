package dev.microposts.refusals;

/** It clashes with what is already there. */
public class Conflict extends Refusal {

    public Conflict(String message) {
        super(Reason.CONFLICT, message);
    }
}
