package dev.microposts.media.internal;

import dev.microposts.refusals.Busy;
import java.time.Duration;

/**
 * Too many videos wait to be processed, so no more are taken in until the backlog drains (see
 * {@link UploadAdmission}); it is nobody's own limit, so it passes without anyone doing anything.
 */
class BacklogFull extends Busy {

    private BacklogFull(String message, long retryAfterSeconds) {
        super(message, Duration.ofSeconds(retryAfterSeconds));
    }

    /** For a script or an API client, which retries on its own after the wait it is told. */
    static BacklogFull forUpload(UploadAdmission.Decision decision) {
        return new BacklogFull(
                "Too many videos are waiting to be processed right now (" + decision.backlog()
                        + "); uploads reopen by themselves as they finish.",
                decision.retryAfterSeconds());
    }

    /** For the compose form, whose writer needs to hear that the post was not made and the text is kept. */
    static BacklogFull forCompose(UploadAdmission.Decision decision) {
        return new BacklogFull(
                "Nothing was posted: too many videos are waiting to be processed right now. Try again in "
                        + decision.retryAfterSeconds() + " seconds; your text is still here.",
                decision.retryAfterSeconds());
    }
}
