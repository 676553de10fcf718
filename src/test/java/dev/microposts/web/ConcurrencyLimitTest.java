package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import dev.microposts.support.SseClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web worker's concurrency limit on a real process allowed one request at a time: a second request
 * waits its turn and is answered 503 with {@code Retry-After} once it has waited too long, and the
 * long-running requests (an upload still sending its bytes, an open event stream) hold no turn.
 */
class ConcurrencyLimitTest {

    @TempDir
    Path dataDir;

    @Test
    void oneRequestAtATimeTheNextWaitsAndNetworkBoundRequestsHoldNoTurn() throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve("concurrency-limit-test.log");
        Files.deleteIfExists(log);
        Map<String, String> environment = Map.of(
                "MICROPOSTS_WEB_MAX_CONCURRENT_REQUESTS", "1",
                "MICROPOSTS_WEB_MAX_WAIT", "500ms",
                "MICROPOSTS_TASKS_WORKERS", "false");
        try (AppProcess app = AppProcess.start(dataDir, log, environment)) {
            Api api = app.api();
            Api.User user = api.newUser("turns");

            String post = "{\"text\":\"sent slowly\"}";
            try (SlowRequest slow = SlowRequest.start(
                    app.port(), "POST", "/api/v1/me/collection", user.token(), "application/json", post)) {
                // the handler is now reading a body that has not arrived, and holds the only turn
                await().atMost(Duration.ofSeconds(10)).until(() -> gauge(api, "active") == 1);
                long started = System.nanoTime();
                Api.Response refused = api.get("/api/v1/me/timeline", user.token());
                assertThat(refused.status()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(450));
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(refused.json().path("detail").asString()).contains("busy");
                assertThat(app.log()).contains("Refused GET /api/v1/me/timeline");

                assertThat(slow.finish()).startsWith("HTTP/1.1 201");
            }
            assertThat(api.get("/api/v1/me/timeline", user.token()).status()).isEqualTo(200);

            byte[] video = new byte[256 * 1024];
            try (SlowRequest upload =
                            SlowRequest.start(app.port(), "POST", "/api/v1/media", user.token(), "video/mp4", video);
                    SseClient events = SseClient.connect(app.port(), user.token())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> events.status() == 200);
                Api.Response timeline = api.get("/api/v1/me/timeline", user.token());
                assertThat(timeline.status())
                        .as("an upload in progress and an open event stream hold no turn")
                        .isEqualTo(200);
                assertThat(gauge(api, "active")).isZero();
                assertThat(upload.finish()).startsWith("HTTP/1.1 202");
            }
        }
    }

    /** {@code microposts.http.requests.<name>} from the Prometheus endpoint, which needs no turn itself. */
    private static double gauge(Api api, String name) {
        return api.metric("microposts_http_requests_" + name);
    }

    /** A request whose headers and first half of body are sent at once; the rest waits for {@link #finish}. */
    private static final class SlowRequest implements AutoCloseable {

        private final Socket socket;
        private final byte[] rest;

        private SlowRequest(Socket socket, byte[] rest) {
            this.socket = socket;
            this.rest = rest;
        }

        static SlowRequest start(int port, String method, String path, String token, String type, String body)
                throws IOException {
            return start(port, method, path, token, type, body.getBytes(StandardCharsets.UTF_8));
        }

        static SlowRequest start(int port, String method, String path, String token, String type, byte[] body)
                throws IOException {
            Socket socket = new Socket("localhost", port);
            socket.setSoTimeout(30_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            byte[] rest = new byte[body.length - body.length / 2];
            System.arraycopy(body, body.length / 2, rest, 0, rest.length);
            return new SlowRequest(socket, rest);
        }

        /** Sends the rest of the body and answers the response's head and body. */
        String finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(rest);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
