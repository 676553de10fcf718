package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microposts.tasks.PermanentTaskFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on the pipeline through the child processes it runs: what they may do and how long they live. */
class ChildProcessAttacksTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    @DisplayName("A file that keeps ffmpeg busy past the time limit fails for good instead of being retried")
    void timeLimitIsFinal(@TempDir Path workDir) {
        PermanentTaskFailure failure = catchThrowableOfType(
                PermanentTaskFailure.class,
                () -> ChildProcess.run(
                        List.of("sleep", "30"), workDir, 0, clock.instant().plus(Duration.ofSeconds(1)), clock));

        assertThat(failure).as("a failure no retry can fix").isNotNull();
        assertThat(failure.kind()).isEqualTo("timed_out");
        assertThat(failure.getMessage()).doesNotContain(workDir.toString());
    }
}
