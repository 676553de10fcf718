package dev.microposts.media.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg or ffprobe as a child process: arguments as an array (never a shell), no standard input,
 * output to files in the task's private directory, held in by the machine's {@link Confinement}, and killed
 * (with anything it started) when the task's deadline passes or its thread is interrupted.
 */
final class ChildProcess {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    private ChildProcess() {}

    record Result(int exitCode, Path stdout, String stderrTail) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command}, which reads the files in {@code readable} and writes only in {@code workDir}. */
    static Result run(
            List<String> command,
            Path workDir,
            List<Path> readable,
            Confinement confinement,
            Instant deadline,
            Clock clock)
            throws IOException, InterruptedException {
        List<String> full = confinement.wrap(command, workDir, readable, deadline, clock);
        String program = Path.of(command.get(0)).getFileName().toString();
        Path stdout = workDir.resolve(program + ".out");
        Path stderr = workDir.resolve(program + ".err");
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().clear();
        builder.environment().putAll(confinement.environment(workDir));
        Process process = builder.directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        Instant started = clock.instant();
        try {
            long waitMillis = Math.max(0, Duration.between(started, deadline).toMillis());
            if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                kill(process);
                throw timedOut(program, started, clock);
            }
        } catch (InterruptedException e) {
            kill(process);
            if (!clock.instant().isBefore(deadline)) {
                // why: the worker interrupts overdue tasks too; that is the same time limit, not a shutdown
                throw timedOut(program, started, clock);
            }
            throw e;
        }
        return new Result(process.exitValue(), stdout, tail(stderr, 4096));
    }

    private static TimedOut timedOut(String program, Instant started, Clock clock) {
        return new TimedOut(program, Duration.between(started, clock.instant()));
    }

    /** Raised when the process outlived the deadline; it has been killed. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String program, Duration ran) {
            super(program + " was stopped after " + ran.toSeconds() + " s, at the task's time limit");
        }
    }

    /**
     * {@link #run} for work bounded by what the probe accepted (renditions stop at the probed length, thumbnails
     * take one frame). The time limit is generous for any honest upload, so such work running past it means the
     * file was built to, and it would do so again on every retry: the failure is final.
     */
    static Result runBounded(
            List<String> command,
            Path workDir,
            List<Path> readable,
            Confinement confinement,
            Instant deadline,
            Clock clock)
            throws IOException, InterruptedException {
        try {
            return run(command, workDir, readable, confinement, deadline, clock);
        } catch (TimedOut e) {
            log.warn("{}", e.getMessage());
            throw MediaFailure.TIMED_OUT.because(MediaFailure.TOOK_TOO_LONG, e);
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        // why: the caller deletes the work directory next; the process must no longer write to it
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The end of a log file, where ffmpeg says what went wrong. */
    static String tail(Path file, int bytes) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, raf.length() - bytes);
            byte[] buffer = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(buffer);
            return new String(buffer, StandardCharsets.UTF_8).strip();
        }
    }
}
