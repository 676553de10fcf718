package dev.microposts.exports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A member takes their data with them: the archive is built by a task, holds their posts and follows as JSON and
 * each video's original byte for byte, is theirs alone to download, and is deleted once it expires.
 */
class ExportsApiTest extends ApiTest {

    @TempDir
    static Path videos;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Storage storage;

    @Autowired
    ExpiredExports expired;

    @Test
    void buildsAnArchiveWithTheOriginalVideoThatOnlyItsOwnerCanDownload() throws Exception {
        Api.User member = api.newUser("exporter");
        Api.User followed = api.newUser("followed");
        Api.User stranger = api.newUser("stranger");
        api.put("/api/v1/me/following/" + followed.username(), "", member.token());
        Path clip = new Videos(videos).h264("export.mp4", "320x240", 1, true);
        Api.Response upload = api.send(api.request("/api/v1/media", member.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(clip)));
        String video = upload.json().get("id").asString();
        api.awaitMediaReady(member, video, Duration.ofMinutes(2));
        api.post("/api/v1/me/collection", Map.of("text", "my holiday", "media_ids", List.of(video)), member.token());
        api.newPost(member, "just words");

        Api.Response asked = api.post("/api/v1/me/exports", "", member.token());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        String href = asked.json().get("href").asString();
        assertThat(asked.header("Location")).endsWith(href);
        JsonNode ready = await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get(href, member.token()).json(),
                        e -> !e.path("status").asString().equals("building"));
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("ready");
        String download = ready.path("download").asString();

        assertThat(api.get(href, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get(download, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get(download).status()).isEqualTo(401);

        HttpResponse<byte[]> archive = HttpClient.newHttpClient()
                .send(api.request(download, member.token()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(archive.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        Map<String, byte[]> entries = unzip(archive.body());
        assertThat(entries.get("videos/" + video + ".original"))
                .as("the original, byte for byte")
                .isEqualTo(Files.readAllBytes(clip));
        JsonNode json = Api.JSON.readTree(entries.get("archive.json"));
        assertThat(json.path("format").asString()).isEqualTo("microposts-archive");
        assertThat(json.path("user").path("username").asString()).isEqualTo(member.username());
        assertThat(json.path("posts").findValuesAsString("text")).containsExactly("just words", "my holiday");
        assertThat(json.path("following").get(0).asString()).isEqualTo(followed.username());
        assertThat(json.path("videos").get(0).path("file").asString()).isEqualTo("videos/" + video + ".original");

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/me/notifications", member.token())
                .body()
                .contains("\"export_ready\""));

        UUID id = UUID.fromString(ready.path("id").asString());
        jdbc.sql("update exports set expires_at = now() - interval '1 minute' where id = ?")
                .param(id)
                .update();
        expired.deleteExpired();
        assertThat(api.get(href, member.token()).status())
                .as("an expired export is gone")
                .isEqualTo(404);
        assertThat(storage.list("exports/" + id + "/"))
                .as("and so is its archive")
                .isEmpty();
    }

    @Test
    void askingAgainWhileOneIsBuiltAnswersThatOne() {
        Api.User member = api.newUser("impatient");
        long memberId = jdbc.sql("select id from users where username = ?")
                .param(member.username())
                .query(Long.class)
                .single();
        UUID building = UUID.randomUUID();
        // why: one being built stays so here, since no task is sent for it
        jdbc.sql("insert into exports (id, owner_id, expires_at) values (?, ?, now() + interval '1 day')")
                .params(building, memberId)
                .update();

        Api.Response again = api.post("/api/v1/me/exports", "", member.token());

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isEqualTo(building.toString());
        assertThat(api.get("/api/v1/me/exports", member.token()).json()).hasSize(1);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
