package dev.microposts.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** A server-sent events client, as a browser's EventSource: it collects events until closed. */
public final class SseClient implements AutoCloseable {

    /** One event as received. */
    public record Event(String id, String name, String data) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<Stream<String>> lines = new AtomicReference<>();
    private final Thread reader;
    private volatile int status;
    private volatile Long retry;
    private volatile boolean ended;
    private volatile Exception failure;
    private volatile boolean closedByTest;

    private SseClient(int port, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/me/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.reader = new Thread(
                () -> {
                    try {
                        HttpResponse<Stream<String>> response =
                                client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                        status = response.statusCode();
                        lines.set(response.body());
                        String id = null;
                        String name = "message";
                        StringBuilder data = new StringBuilder();
                        for (String line : (Iterable<String>) response.body()::iterator) {
                            if (line.isEmpty()) {
                                if (!data.isEmpty()) {
                                    events.add(new Event(id, name, data.toString()));
                                }
                                name = "message";
                                data.setLength(0);
                            } else if (line.startsWith("id:")) {
                                id = line.substring(3).strip();
                            } else if (line.startsWith("event:")) {
                                name = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                                data.append(data.isEmpty() ? "" : "\n")
                                        .append(line.substring(5).strip());
                            } else if (line.startsWith("retry:")) {
                                retry = Long.parseLong(line.substring(6).strip());
                            }
                        }
                    } catch (Exception e) {
                        // closed by the test, or the server went away
                        failure = e;
                    } finally {
                        ended = !closedByTest;
                    }
                },
                "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient connect(int port, String token) {
        return new SseClient(port, token, null);
    }

    public static SseClient resume(int port, String token, String lastEventId) {
        return new SseClient(port, token, lastEventId);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public int status() {
        return status;
    }

    /** The reconnect delay the server asked for with a {@code retry:} line, in ms; null if it sent none. */
    public Long retry() {
        return retry;
    }

    /** What ended the stream other than the server finishing it, if anything did. */
    public Exception failure() {
        return failure;
    }

    /** Whether the stream ended because of the server: it finished the response or closed the connection. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        closedByTest = true;
        Stream<String> body = lines.get();
        if (body != null) {
            body.close();
        }
        reader.interrupt();
    }
}
