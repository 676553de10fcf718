package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The process's own log, as an operator's log shipper reads it: one ECS JSON object per line with the
 * service, the version its answers carry, role and level; the trace id of an upload request reappears in the lines the probe and
 * transcode workers write for it; and nothing secret (passwords, tokens, session ids, media capability
 * URLs) is ever written.
 */
class LogsTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void everyLineIsJsonWithRoleVersionAndTheTraceOfTheRequestAndNoSecret(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("microposts.log");
        Path clip = new Videos(dataDir).h264("logged.mp4", "320x240", 1, true);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        List<String> secrets = new ArrayList<>();
        String mediaId;
        String versionHeader;
        try (AppProcess app = AppProcess.start(dataDir, log, Map.of("MICROPOSTS_ROLES", "all"))) {
            Api api = app.api();
            Api.User user = api.newUser("logged");
            secrets.add(Api.STRONG_PASSWORD);
            secrets.add(user.token());
            secrets.add(api.token(user.username(), Api.STRONG_PASSWORD));
            api.post(
                    "/api/v1/token",
                    Map.of("username", user.username(), "password", "wrong-" + Api.STRONG_PASSWORD),
                    null);
            secrets.add("wrong-" + Api.STRONG_PASSWORD);
            secrets.add(logInToPages(api, user));

            var upload = api.send(api.request("/api/v1/media", user.token())
                    .header("Content-Type", "application/octet-stream")
                    .header(
                            "traceparent",
                            "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                    .POST(HttpRequest.BodyPublishers.ofFile(clip)));
            assertThat(upload.status()).as(upload.body()).isEqualTo(202);
            versionHeader = upload.header("X-MicroPosts-Version");
            assertThat(versionHeader)
                    .as("the version header")
                    .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?(\\+[0-9a-f]{7,})?");
            mediaId = upload.json().path("id").asString();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> api.get("/api/v1/media/" + mediaId, user.token())
                                    .json()
                                    .path("status")
                                    .asString(),
                            status -> !status.equals("processing"));
            JsonNode media = api.get("/api/v1/media/" + mediaId, user.token()).json();
            assertThat(media.path("status").asString()).isEqualTo("ready");
            secrets.add(capability(media.path("thumbnail_url").asString()));
            media.path("renditions")
                    .forEach(r -> secrets.add(capability(r.path("url").asString())));
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = Api.JSON.readTree(line);
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(json.isObject()).as(line).isTrue();
            lines.add(json);
        }
        assertThat(lines).hasSizeGreaterThan(20);
        for (JsonNode line : lines) {
            assertThat(line.path("@timestamp").asString()).as(line.toString()).isNotBlank();
            assertThat(line.path("log").path("level").asString())
                    .as(line.toString())
                    .isNotBlank();
            assertThat(line.path("service").path("name").asString())
                    .as(line.toString())
                    .isEqualTo("microposts");
            assertThat(line.path("service").path("version").asString())
                    .as("the same version as the process's answers: %s", line)
                    .isEqualTo(versionHeader);
            assertThat(line.path("role").asString()).as(line.toString()).isEqualTo("all");
        }

        List<JsonNode> traced =
                lines.stream().filter(line -> line.toString().contains(traceId)).toList();
        assertThat(traced)
                .as("the upload's trace reaches the workers that probe and transcode it")
                .anyMatch(line -> thread(line).startsWith("task-probe-"))
                .anyMatch(line -> thread(line).startsWith("task-transcode-"))
                .anyMatch(line -> thread(line).startsWith("task-thumbnail-"));

        String all = String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8));
        for (String secret : secrets) {
            assertThat(all).as("a secret in the log").doesNotContain(secret);
        }
        assertThat(all).contains(mediaId);
    }

    private static String thread(JsonNode line) {
        return line.path("process").path("thread").path("name").asString("");
    }

    /** The unguessable part of a media URL: {@code /media/{id}/{token}/{file}}. */
    private static String capability(String url) {
        Matcher matcher = Pattern.compile("/media/[^/]+/([^/]+)/").matcher(url);
        assertThat(matcher.find()).as(url).isTrue();
        return matcher.group(1);
    }

    private static String logInToPages(Api api, Api.User user) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = "username=" + user.username() + "&password="
                + URLEncoder.encode(Api.STRONG_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> loggedIn = browser.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("SESSION"))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RandomGenerator.getDefault().nextBytes(bytes);
        return bytes;
    }
}
