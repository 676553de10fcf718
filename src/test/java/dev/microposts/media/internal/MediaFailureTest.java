package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.tasks.TaskFailure;
import org.junit.jupiter.api.Test;

/** What a failed video's owner reads: the module's own words, never an exception's text. */
class MediaFailureTest {

    @Test
    void aBugOrAnExhaustedRetryShowsAFixedSentenceNotTheExceptionsText() {
        String reason = "java.lang.NumberFormatException: For input string: \"up\" at /data/work/task-1";
        for (String kind : new String[] {TaskFailure.ATTEMPTS_EXHAUSTED, TaskFailure.ABANDONED, "failed"}) {
            assertThat(MediaFailure.ownerReason(new TaskFailure(kind, reason)))
                    .as(kind)
                    .isEqualTo(MediaFailure.SERVER_PROBLEM)
                    .doesNotContain("Exception", "input string", "/");
        }
    }

    @Test
    void theModulesOwnKindsKeepTheirReasonAndATimeOutSaysSo() {
        assertThat(MediaFailure.ownerReason(new TaskFailure("too_long", "The video is 700 seconds long.")))
                .isEqualTo("The video is 700 seconds long.");
        assertThat(MediaFailure.ownerReason(new TaskFailure(TaskFailure.TIMED_OUT, "ffmpeg ran 1800 s")))
                .doesNotContain("ffmpeg")
                .isNotEqualTo(MediaFailure.SERVER_PROBLEM);
    }
}
