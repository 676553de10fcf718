package dev.microposts.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MicroPosts started as a separate operating-system process, exactly as an operator starts it, so a
 * test can kill it (SIGKILL, no shutdown hooks) or stop it and start it again on the same data.
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration COMMAND_TIME_LIMIT = Duration.ofMinutes(5);

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private AppProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts the application on {@code dataDir} and waits until it reports ready, on the management port when
     * {@code environment} sets {@code MANAGEMENT_SERVER_PORT}.
     */
    public static AppProcess start(Path dataDir, Path log, Map<String, String> environment) {
        return start(Build.CURRENT, dataDir, log, environment);
    }

    /** {@link #start(Path, Path, Map)} of a given build: this tree's, or a packaged release's jar. */
    public static AppProcess start(Build build, Path dataDir, Path log, Map<String, String> environment) {
        int port = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(build.command(List.of(), List.of()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MICROPOSTS_DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", String.valueOf(port));
        // why: tests sign up all their users from this one machine; a test of the limit sets its own
        builder.environment().put("MICROPOSTS_ACCOUNTS_SIGN_UP_PER_ADDRESS", "1000000");
        builder.environment().putAll(environment);
        try {
            String management = environment.get("MANAGEMENT_SERVER_PORT");
            AppProcess app = new AppProcess(
                    builder.start(), log, port, management == null ? port : Integer.parseInt(management));
            try {
                app.awaitReadiness(200, Duration.ofSeconds(120));
            } catch (RuntimeException | Error e) {
                // why: a process that never got ready must not outlive the test that started it
                app.close();
                throw e;
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs an admin command the way {@code java -jar microposts.jar <arguments>} does, as a process of its own with
     * nothing on its standard input, and waits until it exits; its output, standard error included, goes to
     * {@code log}.
     */
    public static Command runCommand(Path dataDir, Path log, Map<String, String> environment, List<String> arguments) {
        return runCommand(Build.CURRENT, dataDir, log, environment, arguments);
    }

    /** {@link #runCommand(Path, Path, Map, List)} of a given build. */
    public static Command runCommand(
            Build build, Path dataDir, Path log, Map<String, String> environment, List<String> arguments) {
        // why: a command runs for seconds, so the optimizing compiler would cost more than it saves
        ProcessBuilder builder = new ProcessBuilder(build.command(List.of("-XX:TieredStopAtLevel=1"), arguments))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MICROPOSTS_DATA_DIR", dataDir.toString());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(arguments + " did not finish within " + COMMAND_TIME_LIMIT + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Brings a shared database up to date as the README tells operators to, with {@code migrate} run once before
     * any process starts on it: processes on an external database never change its schema themselves.
     */
    public static void migrate(Path dataDir, Path log, Map<String, String> environment) {
        Command run = runCommand(dataDir, log, environment, List.of("migrate"));
        if (run.exitCode() != 0) {
            throw new IllegalStateException("migrate exited with " + run.exitCode() + ":\n" + run.output());
        }
    }

    /** How an admin command ended: its exit code and everything it printed. */
    public record Command(int exitCode, String output) {}

    /**
     * What a process runs: {@link #CURRENT}, the main class on this test run's class path (what the jar's launcher
     * runs, without packaging a jar), or {@link #jar} of another build, such as the previous release.
     */
    public record Build(List<String> launch) {

        public static final Build CURRENT = new Build(
                List.of("-cp", System.getProperty("java.class.path"), "dev.microposts.MicroPostsApplication"));

        public static Build jar(Path jar) {
            return new Build(List.of("-jar", jar.toString()));
        }

        List<String> command(List<String> options, List<String> arguments) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Xmx512m");
            command.addAll(options);
            command.addAll(launch);
            command.addAll(arguments);
            return command;
        }
    }

    public int port() {
        return port;
    }

    /** Where the actuator answers: the HTTP port unless {@code MANAGEMENT_SERVER_PORT} moved it. */
    public int managementPort() {
        return managementPort;
    }

    /** The actuator's port as an {@link Api}. */
    public Api management() {
        return new Api(managementPort);
    }

    /** The running JVM, e.g. to find the child processes it started. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Api api() {
        return new Api(port);
    }

    /** SIGKILL: the process gets no chance to stop anything it started. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: a graceful stop. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    /** SIGTERM without waiting: the test watches the stop as it happens. */
    public void terminate() {
        process.destroy();
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) to the JVM alone. */
    public void signal(String name) {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("MicroPosts did not exit within " + atMost);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitReadiness(int status, Duration atMost) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                // why: only the probe's own failures (not listening yet); a process that exited ends the wait now
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("MicroPosts exited early:\n" + log());
                    }
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + managementPort + "/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == status;
                });
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
