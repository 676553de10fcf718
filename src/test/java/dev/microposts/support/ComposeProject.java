package dev.microposts.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy/compose.yaml} run by Debian's {@code podman-compose} under a project name of its own, and the
 * podman commands a test needs to hurt its containers. podman-compose 1.0.3 starts services in dependency order
 * without waiting for {@code depends_on} conditions, so {@link #upInStages} waits for them itself.
 */
public final class ComposeProject implements AutoCloseable {

    private static final Path COMPOSE_FILE = Path.of("deploy", "compose.yaml");
    private static final List<String> SERVICES =
            List.of("postgres", "broker", "s3", "migrate", "web-1", "web-2", "worker-1", "worker-2", "nginx");

    private final String name;
    private final Map<String, String> environment;
    private final Path logDirectory;

    public ComposeProject(String name, Map<String, String> environment, Path logDirectory) {
        this.name = name;
        this.environment = environment;
        this.logDirectory = logDirectory;
    }

    /** The container of a service: podman-compose names it {@code <project>_<service>_1}. */
    public String container(String service) {
        return name + "_" + service + "_1";
    }

    /** The project's network, on which one-off containers reach its services by name. */
    public String network() {
        return name + "_default";
    }

    /**
     * Starts the engines, waits until they are healthy, applies the migrations with the one-off
     * {@code migrate} service, then starts MicroPosts and nginx and waits until every MicroPosts process is
     * ready: the order {@code depends_on} conditions give under docker compose.
     */
    public void upInStages(List<String> engines, List<String> services) {
        compose("up", "-d", String.join(" ", engines));
        for (String engine : engines) {
            awaitHealthy(engine, Duration.ofSeconds(120));
        }
        compose("up", "-d", "--no-deps", "migrate");
        String exitCode = podman(Duration.ofMinutes(3), "wait", container("migrate"));
        if (!exitCode.strip().equals("0")) {
            throw new IllegalStateException("migrate exited with " + exitCode + ":\n" + logs("migrate"));
        }
        compose("up", "-d", "--no-deps", String.join(" ", services));
    }

    /** Waits until the service's health check passes (podman runs it on request here, with no systemd timer). */
    public void awaitHealthy(String service, Duration atMost) {
        await(service + " healthy")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .failFast(() -> {
                    if (state(service).equals("exited")) {
                        throw new IllegalStateException(service + " exited:\n" + logs(service));
                    }
                })
                // why: on a loaded machine one check can outlast its own timeout; that is a "not yet"
                .ignoreExceptions()
                .until(() -> run(List.of("podman", "healthcheck", "run", container(service)), Duration.ofSeconds(30))
                                .exitCode()
                        == 0);
    }

    /** {@code running}, {@code exited}, ... as podman reports it. */
    public String state(String service) {
        return podman(Duration.ofSeconds(20), "inspect", "--format", "{{.State.Status}}", container(service))
                .strip();
    }

    public int exitCode(String service) {
        return Integer.parseInt(
                podman(Duration.ofSeconds(20), "inspect", "--format", "{{.State.ExitCode}}", container(service))
                        .strip());
    }

    public void kill(String service) {
        podman(Duration.ofSeconds(30), "kill", "--signal", "KILL", container(service));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; answers when the container has stopped. */
    public void stop(String service, Duration grace) {
        podman(grace.plusSeconds(30), "stop", "--time", Long.toString(grace.toSeconds()), container(service));
    }

    public void start(String service) {
        podman(Duration.ofSeconds(60), "start", container(service));
    }

    /** The command lines of the processes in the service's container. */
    public List<String> processes(String service) {
        return podman(Duration.ofSeconds(20), "top", container(service), "args")
                .lines()
                .skip(1)
                .toList();
    }

    public String logs(String service) {
        return run(List.of("podman", "logs", container(service)), Duration.ofSeconds(60))
                .output();
    }

    /**
     * The keys under {@code prefix} in the S3 bucket, asked of the store from a one-off container on the
     * project's network: the store is not published on the host.
     */
    public List<String> bucketKeys(String image, String bucket, String prefix) {
        String request = "exec 3<>/dev/tcp/s3/9090 && printf 'GET /" + bucket + "?prefix=" + prefix
                + "&max-keys=1000 HTTP/1.0\\r\\nHost: s3:9090\\r\\n\\r\\n' >&3 && cat <&3";
        String answer =
                podman(Duration.ofSeconds(60), "run", "--rm", "--network", network(), image, "bash", "-c", request);
        List<String> keys = new ArrayList<>();
        Matcher matcher = Pattern.compile("<Key>([^<]+)</Key>").matcher(answer);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /** Saves every container's log beside the test's data, then removes containers, volumes and network. */
    @Override
    public void close() {
        for (String service : SERVICES) {
            try {
                Files.writeString(logDirectory.resolve(service + ".log"), logs(service), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                // a service that never started has no log
            }
        }
        // why: podman-compose removes containers without their anonymous volumes (each one's /data)
        List<String> volumes =
                new ArrayList<>(List.of(name + "_postgres-data", name + "_broker-data", name + "_s3-data"));
        for (String service : SERVICES) {
            Result mounts = run(
                    List.of(
                            "podman",
                            "inspect",
                            "--format",
                            "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}",
                            container(service)),
                    Duration.ofSeconds(20));
            if (mounts.exitCode() == 0) {
                volumes.addAll(List.of(mounts.output().strip().split("\\s+")));
            }
        }
        compose("down", "-t", "45");
        for (String volume : volumes) {
            if (!volume.isBlank()) {
                run(List.of("podman", "volume", "rm", "-f", volume), Duration.ofSeconds(30));
            }
        }
        run(List.of("podman", "network", "rm", "-f", network()), Duration.ofSeconds(30));
    }

    public String compose(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman-compose", "-p", name, "-f", COMPOSE_FILE.toString()));
        for (String argument : arguments) {
            command.addAll(List.of(argument.split(" ")));
        }
        Result result = run(command, Duration.ofMinutes(10));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    public String podman(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        Result result = run(command, timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    public record Result(int exitCode, String output) {}

    public Result run(List<String> command, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("microposts-podman-", ".out");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
