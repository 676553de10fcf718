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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.util.FileSystemUtils;

/**
 * An S3-compatible server for tests: Adobe S3Mock, run from the jar the build copies to
 * {@code target/s3-server/s3mock.jar}, as a separate process on a free port. It starts once per JVM, on the
 * first {@link #start()}, and is stopped when the JVM exits.
 *
 * <pre>{@code
 * S3Server s3 = S3Server.start();
 * AppProcess.start(dataDir, log, s3.environment("e2e-run-1"));
 * }</pre>
 */
public final class S3Server {

    public static final String BUCKET = "test";
    // S3Mock accepts any credentials; these only have to be present
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private static final Path JAR = Path.of("target", "s3-server", "s3mock.jar");

    private static S3Server running;

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path log;

    private S3Server(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.log = directory.resolve("s3mock.log");
    }

    /** The running server, started now if there is none; waits until it answers. */
    public static synchronized S3Server start() {
        if (running == null || !running.process.isAlive()) {
            running = launch();
        }
        return running;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String bucket() {
        return BUCKET;
    }

    /** A {@code STORAGE_URL} for the bucket, with every key under {@code prefix}. */
    public String storageUrl(String prefix) {
        return "s3://" + BUCKET + "/" + prefix + "?endpoint=" + endpoint() + "&path-style=true";
    }

    /** The environment that points MicroPosts at this server, keys under {@code prefix}. */
    public Map<String, String> environment(String prefix) {
        return Map.of(
                "STORAGE_URL", storageUrl(prefix),
                "STORAGE_ACCESS_KEY", ACCESS_KEY,
                "STORAGE_SECRET_KEY", SECRET_KEY);
    }

    /** Stops the server and removes its directory; the next {@link #start()} starts a new one. */
    public synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            // why: S3Mock is asked to remove its objects on exit, but does not always get to it
            FileSystemUtils.deleteRecursively(directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static S3Server launch() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; the build copies it in process-test-resources");
        }
        int port = Ports.free();
        try {
            Path directory = TestData.create("S3Server");
            List<String> command = List.of(
                    javaExecutable(),
                    "-Xmx256m",
                    // why: a short-lived server starts faster without the optimizing compiler
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    JAR.toString(),
                    // S3Mock's plain-HTTP port is http.port; server.port is its HTTPS port, unused here
                    "--http.port=" + port,
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.store.root="
                            + directory.resolve("store").toAbsolutePath(),
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("s3mock.log").toFile())
                    .start();
            S3Server server = new S3Server(process, port, directory);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3mock-stop"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest listBuckets = HttpRequest.newBuilder(endpoint().resolve("/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            await("S3Mock answering on " + endpoint())
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Mock exited early; its log:\n" + logTail());
                        }
                    })
                    .ignoreExceptions()
                    .until(() -> {
                        HttpResponse<String> response = client.send(listBuckets, HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200 && response.body().contains("<Name>" + BUCKET + "</Name>");
                    });
        } catch (ConditionTimeoutException e) {
            stop();
            throw new IllegalStateException("S3Mock did not answer within 60 s; its log:\n" + logTail(), e);
        }
    }

    private String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The java that runs the tests, so S3Mock gets the same JDK. */
    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
