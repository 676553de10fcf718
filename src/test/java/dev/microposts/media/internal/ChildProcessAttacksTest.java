package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.microposts.tasks.PermanentTaskFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                () -> ChildProcess.runBounded(
                        List.of("sleep", "30"),
                        workDir,
                        List.of(),
                        Confinement.detect(null, 0, 0, 0),
                        clock.instant().plus(Duration.ofSeconds(1)),
                        clock));

        assertThat(failure).as("a failure no retry can fix").isNotNull();
        assertThat(failure.kind()).isEqualTo("timed_out");
        assertThat(failure.getMessage()).doesNotContain(workDir.toString());
    }

    @Test
    @DisplayName("An ffmpeg does not outlive the process that started it when that process is killed with SIGKILL")
    void ffmpegDiesWithItsParent(@TempDir Path dir) throws Exception {
        Path ffmpeg = FfmpegBinaries.locate(null, dir.resolve("data")).ffmpeg();
        Process host = ChildProcessHost.start(
                dir.resolve("work"),
                Map.of(),
                ffmpeg.toString(),
                "-nostdin",
                "-v",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=160x120:rate=10:duration=600",
                "-f",
                "null",
                "-");
        try {
            ProcessHandle child = await().atMost(Duration.ofSeconds(30))
                    .until(() -> descendantRunning(host, ffmpeg), Optional::isPresent)
                    .orElseThrow();

            host.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            host.waitFor();

            await().atMost(Duration.ofSeconds(10)).until(() -> gone(child.pid()));
        } finally {
            host.destroyForcibly();
            descendantRunning(host, ffmpeg).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    @DisplayName("ffmpeg and ffprobe see none of the application's environment, such as its database password")
    void childSeesNoSecrets(@TempDir Path dir) throws Exception {
        Process host = ChildProcessHost.start(
                dir.resolve("work"),
                Map.of(
                        "DATABASE_URL", "postgresql://app:hunter2@db.example/microposts",
                        "STORAGE_URL", "s3://key:secret-storage-key@store.example/media"),
                "/usr/bin/env");
        String environment = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor()).isZero();

        assertThat(environment).contains("PATH=").doesNotContain("hunter2", "secret-storage-key", "DATABASE_URL");
        assertThat(environment.lines().map(line -> line.substring(0, line.indexOf('='))))
                .allMatch(ALLOWED_VARIABLES::contains);
    }

    @Test
    @DisplayName("A child that tries to take all memory, fill the disk or dump its core is held by resource limits")
    void childRunsUnderResourceLimits(@TempDir Path dir) throws Exception {
        Process host = ChildProcessHost.start(dir.resolve("work"), Map.of(), "/bin/cat", "/proc/self/limits");
        String limits = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor()).isZero();

        assertThat(limits)
                .containsPattern("Max address space\\s+8589934592\\s+8589934592")
                .containsPattern("Max file size\\s+4294967296\\s+4294967296")
                .containsPattern("Max core file size\\s+0\\s+0")
                .doesNotContainPattern("Max cpu time\\s+unlimited");
    }

    @Test
    @DisplayName(
            "A child that tries to reach the network or write outside its work directory is stopped by the sandbox")
    void childIsSandboxed(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is installed (.ci/run installs it)");
        Path outside = dir.resolve("outside");
        Process host = ChildProcessHost.start(
                dir.resolve("work"),
                Map.of(),
                "/bin/sh",
                "-c",
                "cat /proc/net/dev; echo escaped > " + outside + "; echo inside > written-inside");
        String output = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        host.waitFor();

        assertThat(output.lines().filter(line -> line.contains(":")).map(line -> line.split(":")[0].strip()))
                .as(output)
                .containsExactly("lo");
        assertThat(outside).doesNotExist();
        assertThat(dir.resolve("work").resolve("written-inside")).hasContent("inside");
    }

    private static final List<String> ALLOWED_VARIABLES = List.of("PATH", "LANG", "TMPDIR", "PWD", "LD_LIBRARY_PATH");

    /** The ffmpeg under {@code host}, found by its executable, while it runs. */
    private static Optional<ProcessHandle> descendantRunning(Process host, Path ffmpeg) {
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(p ->
                            p.info().command().map(ffmpeg.toString()::equals).orElse(false))
                    .filter(p -> p.info()
                            .arguments()
                            .map(a -> List.of(a).contains("testsrc2=size=160x120:rate=10:duration=600"))
                            .orElse(false))
                    .findFirst();
        }
    }

    /** Gone, or a zombie waiting for whichever process adopted it to reap it: either way no longer running. */
    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
