package dev.microposts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that talks to the real server over a real socket, the way API clients
 * do, and reads JSON answers.
 *
 * <pre>{@code
 * Api.Response created = api.post("/api/v1/me/collection", Map.of("text", "hi"), token);
 * assertThat(created.status()).isEqualTo(201);
 * }</pre>
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String STRONG_PASSWORD = "violet-otter-lantern-42";

    private final String base;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(request(path, null).GET());
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** The first series of a metric in the Prometheus scrape, e.g. {@code microposts_media_backlog}. */
    public double metric(String name) {
        return get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in /actuator/prometheus"));
    }

    /**
     * The sum of a metric's series whose labels include all of {@code labels} (each as written in the scrape,
     * {@code reason="unreadable"}); 0 when there is none yet, as for a counter never incremented.
     */
    public double metricTotal(String name, String... labels) {
        return get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public Response post(String path, Object body, String token) {
        return send(json(request(path, token), "POST", body));
    }

    public Response put(String path, Object body, String token) {
        return send(json(request(path, token), "PUT", body));
    }

    public Response patch(String path, Object body, String token) {
        return send(json(request(path, token), "PATCH", body));
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** Sends a request built by the caller (raw bodies, odd headers, If-Match, ...). */
    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String method, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    /** Registers a user with a unique name starting with {@code prefix} and logs in. */
    public User newUser(String prefix) {
        String username = (prefix + "_" + UUID.randomUUID().toString().replace("-", ""))
                .substring(0, Math.min(30, prefix.length() + 13));
        Response registered = post("/api/v1/users", Map.of("username", username, "password", STRONG_PASSWORD), null);
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        return new User(username, token(username, STRONG_PASSWORD));
    }

    public String token(String username, String password) {
        Response token = post("/api/v1/token", Map.of("username", username, "password", password), null);
        if (token.status() != 200) {
            throw new IllegalStateException("login failed: " + token);
        }
        return token.json().get("access_token").asString();
    }

    /** Creates a post and answers its id. */
    public long newPost(User author, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        Response created = post("/api/v1/me/collection", body, author.token());
        if (created.status() != 201) {
            throw new IllegalStateException("post failed: " + created);
        }
        return created.json().get("id").asLong();
    }

    /**
     * The media item once it is no longer processing, as its owner reads it; fails at once if it ended other than
     * {@code ready}, with the item (and its reason) in the message.
     */
    public JsonNode awaitMediaReady(User owner, String id, Duration atMost) {
        JsonNode item = Awaitility.await("media " + id + " ready")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("/api/v1/media/" + id, owner.token()).json(),
                        media -> !media.path("status").asString().equals("processing"));
        if (!item.path("status").asString().equals("ready")) {
            throw new AssertionError("media " + id + " ended " + item);
        }
        return item;
    }

    public record User(String username, String token) {}

    public static final class Response {

        private final HttpResponse<String> response;

        Response(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The URL in {@code Link: <url>; rel="next"}, or null. */
        public String nextLink() {
            String link = header("Link");
            if (link == null || !link.contains("rel=\"next\"")) {
                return null;
            }
            return link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
