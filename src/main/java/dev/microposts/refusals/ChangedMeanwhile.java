package dev.microposts.refusals;

/** It changed since the version the one who asked had read, so their change would undo someone else's. */
public class ChangedMeanwhile extends Refusal {

    public ChangedMeanwhile(String message) {
        super(Reason.CHANGED_MEANWHILE, message);
    }
}
