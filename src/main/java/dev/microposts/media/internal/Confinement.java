package dev.microposts.media.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What holds ffmpeg and ffprobe in, found once at start from what this machine has. They parse files strangers
 * send, so each runs with an empty environment (no database URL, no storage keys), dies with the JVM thread
 * that started it ({@code setpriv --pdeathsig}), under resource limits ({@code prlimit}), and, where bubblewrap
 * works, in a sandbox with no network that can write only its task's work directory.
 *
 * @param setpriv util-linux's setpriv, or null where absent
 * @param prlimit util-linux's prlimit, or null where absent
 * @param bwrap bubblewrap, or null where absent or unable to run here (no user namespaces, say)
 * @param programs the directory of the ffmpeg in use, which the sandbox must be able to read
 * @param niceness CPU priority added with nice
 * @param maxMemoryBytes address space each child may take; 0 for no limit
 * @param maxFileBytes largest file each child may write; 0 for no limit
 */
record Confinement(
        Path setpriv, Path prlimit, Path bwrap, Path programs, int niceness, long maxMemoryBytes, long maxFileBytes) {

    private static final Path NICE = Path.of("/usr/bin/nice");

    /** The sandbox's isolation and the system's programs and libraries, read-only. */
    private static final List<String> SYSTEM = List.of(
            "--unshare-all",
            "--die-with-parent",
            "--ro-bind",
            "/usr",
            "/usr",
            "--ro-bind-try",
            "/lib",
            "/lib",
            "--ro-bind-try",
            "/lib64",
            "/lib64",
            "--ro-bind-try",
            "/bin",
            "/bin");

    /**
     * The variables a child gets; nothing of the application's own environment. The libraries ffmpeg's own
     * libraries load (libdrm) sit beside it, where the loader looks only when told.
     */
    Map<String, String> environment(Path workDir) {
        Map<String, String> environment = new java.util.HashMap<>(
                Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "TMPDIR", workDir.toString()));
        if (programs != null) {
            environment.put("LD_LIBRARY_PATH", programs.toString());
        }
        return environment;
    }

    static Confinement detect(Path programs, int niceness, long maxMemoryBytes, long maxFileBytes) {
        Path setpriv = executable("/usr/bin/setpriv", "/bin/setpriv");
        Path prlimit = executable("/usr/bin/prlimit", "/bin/prlimit");
        Path bwrap = executable("/usr/bin/bwrap", "/bin/bwrap");
        if (bwrap != null && !sandboxWorks(bwrap)) {
            bwrap = null;
        }
        return new Confinement(setpriv, prlimit, bwrap, programs, niceness, maxMemoryBytes, maxFileBytes);
    }

    /** The command that runs {@code command} confined, reading {@code readable} and writing {@code workDir}. */
    List<String> wrap(List<String> command, Path workDir, List<Path> readable, Instant deadline, Clock clock) {
        List<String> full = new ArrayList<>();
        if (setpriv != null) {
            full.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--"));
        }
        if (prlimit != null) {
            full.add(prlimit.toString());
            if (maxMemoryBytes > 0) {
                full.add("--as=" + maxMemoryBytes);
            }
            if (maxFileBytes > 0) {
                full.add("--fsize=" + maxFileBytes);
            }
            // why: a child that spins on every core until the deadline has had all the CPU it could use honestly
            long wallSeconds =
                    Math.max(1, Duration.between(clock.instant(), deadline).toSeconds());
            full.add("--cpu=" + (wallSeconds * Runtime.getRuntime().availableProcessors() + 1));
            full.add("--core=0");
            full.add("--");
        }
        if (niceness > 0 && Files.isExecutable(NICE)) {
            full.addAll(List.of(NICE.toString(), "-n", String.valueOf(niceness)));
        }
        if (bwrap != null) {
            full.addAll(sandbox(bwrap, workDir, readable));
        }
        full.addAll(command);
        return full;
    }

    /** One line for the start-up log: what the children run under here, and what is missing. */
    String describe() {
        return "ffmpeg children: " + (setpriv != null ? "die with their parent (setpriv)" : "no setpriv, may outlive")
                + ", " + (prlimit != null ? "resource limits (prlimit)" : "no prlimit, no resource limits")
                + ", "
                + (bwrap != null
                        ? "sandboxed (bubblewrap: no network, writes only its work directory)"
                        : "not sandboxed (bubblewrap absent or user namespaces unavailable)")
                + ", empty environment";
    }

    private List<String> sandbox(Path bwrap, Path workDir, List<Path> readable) {
        List<Path> bound = new ArrayList<>();
        if (programs != null) {
            bound.add(programs);
        }
        bound.addAll(readable);
        return sandboxCommand(bwrap, workDir, bound);
    }

    private static List<String> sandboxCommand(Path bwrap, Path workDir, Collection<Path> bound) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString()));
        args.addAll(SYSTEM);
        args.addAll(List.of("--new-session", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        for (Path path : bound) {
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        args.addAll(List.of("--bind", workDir.toString(), workDir.toString(), "--chdir", workDir.toString(), "--"));
        return args;
    }

    private static Path executable(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    /** bubblewrap is installed where it cannot run (a container without user namespaces): try it once. */
    private static boolean sandboxWorks(Path bwrap) {
        Path workDir = null;
        try {
            // why: exactly the sandbox a child gets; in a container, bubblewrap may run yet be refused /proc
            workDir = Files.createTempDirectory("microposts-sandbox");
            List<String> command = new ArrayList<>(sandboxCommand(bwrap, workDir, List.of()));
            command.add("/usr/bin/true");
            Process probe = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (workDir != null) {
                try {
                    Files.deleteIfExists(workDir);
                } catch (java.io.IOException e) {
                    // why: an empty directory in the system's temporary directory; nothing depends on it
                }
            }
        }
    }
}
