package dev.microposts.media.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * A JVM of its own that runs one child the way the pipeline does, prints what the child wrote and exits: the
 * test kills it, or reads it, without risking its own process. Arguments: the work directory, then the command.
 */
final class ChildProcessHost {

    private ChildProcessHost() {}

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(args[0]);
        List<String> command = Arrays.asList(args).subList(1, args.length);
        Clock clock = Clock.systemUTC();
        // why: the same confinement the pipeline builds at start, with its default limits
        Confinement confinement = Confinement.detect(
                Path.of(command.get(0)).getParent(),
                0,
                DataSize.ofGigabytes(8).toBytes(),
                DataSize.ofGigabytes(4).toBytes());
        ChildProcess.Result result = ChildProcess.run(
                command, workDir, List.of(), confinement, clock.instant().plus(Duration.ofMinutes(5)), clock);
        System.out.print(Files.readString(result.stdout()));
        System.exit(result.exitCode());
    }

    /** Starts a host JVM running {@code command} in {@code workDir}, with this environment added to its own. */
    static Process start(Path workDir, java.util.Map<String, String> environment, String... command) throws Exception {
        List<String> java = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                ChildProcessHost.class.getName(),
                workDir.toString()));
        java.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(java).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Files.createDirectories(workDir);
        return builder.start();
    }
}
