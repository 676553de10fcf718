package dev.microposts.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Hostile uploads against the running application: bodies that do not declare their length, multipart
 * requests whose parts add up past the limit, and anonymous floods. The upload limit is 16 MB here.
 */
class MediaAttacksTest extends ApiTest {

    private static final int LIMIT = 16 << 20;
    private static final int UPLOADS_PER_DAY = 50;
    private static final int TRANSFERS_PER_CLIENT = 8;
    private static final byte[] PAST_THE_LIMIT = random(LIMIT + (256 << 10));
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Value("${microposts.data-dir}")
    String dataDir;

    @Autowired
    Storage storage;

    @TempDir
    static Path videos;

    @Test
    @DisplayName(
            "A chunked raw upload to the compose box's route past the size limit is cut off with 413 and leaves no file")
    void chunkedRawUploadToTheComposeRoute() throws Exception {
        PageSession session = signIn("rawpage");
        RawUpload.Answer answer =
                RawUpload.send(port, session.head("/uploads") + "\r\nContent-Type: video/mp4", List.of(PAST_THE_LIMIT));
        assertTooLargeProblem(answer);
        assertNoUploadFilesLeft();
    }

    @Test
    @DisplayName(
            "A chunked multipart API upload whose parts add up past the size limit is cut off with 413 and leaves no file")
    void chunkedMultipartToTheApiPastTheLimitInTotal() throws Exception {
        Api.User user = api.newUser("parts");
        RawUpload.Multipart body = twoPartsOverTheLimitTogether();
        RawUpload.Answer answer = RawUpload.send(
                port,
                "POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                        + "\r\nContent-Type: " + body.contentType(),
                body.pieces());
        assertTooLargeProblem(answer);
        assertNoUploadFilesLeft();
    }

    @Test
    @DisplayName(
            "A chunked multipart upload to the compose box's route past the size limit is cut off with 413 and leaves no file")
    void chunkedMultipartToTheComposeRoutePastTheLimit() throws Exception {
        PageSession session = signIn("partspage");
        RawUpload.Multipart body = twoPartsOverTheLimitTogether();
        RawUpload.Answer answer = RawUpload.send(
                port, session.head("/uploads") + "\r\nContent-Type: " + body.contentType(), body.pieces());
        assertTooLargeProblem(answer);
        assertNoUploadFilesLeft();
    }

    @Test
    @DisplayName(
            "A chunked compose form with a video past the size limit gets the friendly 413 page and leaves no file")
    void chunkedComposeFormPastTheLimit() throws Exception {
        PageSession session = signIn("form");
        RawUpload.Multipart body = new RawUpload.Multipart()
                .field("_csrf", session.csrf())
                .field("text", "my holiday")
                .file("video", "holiday.mp4", PAST_THE_LIMIT);
        RawUpload.Answer answer = RawUpload.send(
                port, session.cookieHead("/posts") + "\r\nContent-Type: " + body.contentType(), body.pieces());
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.contentType()).as(answer.headers().toString()).startsWith("text/html");
        assertThat(answer.body()).contains("That file is too large").doesNotContain("Exception");
        assertNoUploadFilesLeft();
    }

    @Test
    @DisplayName("Uploads within the size limit still go through every upload route")
    void normalUploadsStillWork(@TempDir Path videos) throws Exception {
        Api.User user = api.newUser("normal");
        RawUpload.Multipart apiBody = new RawUpload.Multipart().file("file", "clip.mp4", random(1 << 20));
        RawUpload.Answer api = RawUpload.send(
                port,
                "POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                        + "\r\nContent-Type: " + apiBody.contentType(),
                apiBody.pieces());
        assertThat(api.status()).as(api.body()).isEqualTo(202);

        PageSession session = signIn("normalpage");
        RawUpload.Answer page = RawUpload.send(
                port, session.head("/uploads") + "\r\nContent-Type: video/mp4", List.of(random(1 << 20)));
        assertThat(page.status()).as(page.body()).isEqualTo(202);

        RawUpload.Multipart form = new RawUpload.Multipart()
                .field("_csrf", session.csrf())
                .field("text", "a clip")
                .file(
                        "video",
                        "clip.mp4",
                        Files.readAllBytes(new Videos(videos).h264("clip.mp4", "320x240", 1, false)));
        RawUpload.Answer posted = RawUpload.send(
                port, session.cookieHead("/posts") + "\r\nContent-Type: " + form.contentType(), form.pieces());
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        assertThat(posted.headers().get("location")).doesNotContain("compose").endsWith("/");
        assertNoUploadFilesLeft();
    }

    @Test
    @DisplayName("A burst of anonymous uploads, each refused with 401, does not close uploads for signed-in members")
    void anonymousBurstDoesNotCloseUploads() throws Exception {
        Api.User member = api.newUser("afterburst");
        HttpClient client = HttpClient.newHttpClient();
        // why: more than the backlog limit (100 here) within the second a backlog reading serves
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                burst.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/media"))
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (CompletableFuture<HttpResponse<Void>> anonymous : burst) {
                assertThat(anonymous.join().statusCode()).isEqualTo(401);
            }
            Api.Response upload = api.send(api.request("/api/v1/media", member.token())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(random(64 << 10))));
            assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        }
    }

    @Test
    @DisplayName("A large anonymous multipart upload is refused on every route before the server reads it")
    void anonymousMultipartIsRefusedUnread() throws Exception {
        byte[] part = random(8 << 20);
        RawUpload.Multipart body = new RawUpload.Multipart();
        for (int i = 0; i < 8; i++) {
            body.file("file", "part" + i + ".mp4", part);
        }
        Map<String, List<Integer>> refusals = Map.of(
                "/uploads", List.of(401, 403),
                "/posts", List.of(302, 403),
                "/api/v1/media", List.of(401));
        for (Map.Entry<String, List<Integer>> route : refusals.entrySet()) {
            RawUpload.Answer answer = RawUpload.send(
                    port,
                    "POST " + route.getKey() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + body.contentType(),
                    body.pieces());
            assertThat(answer.status()).as(route.getKey()).isIn(route.getValue());
            assertThat(answer.answeredWhileSending())
                    .as("%s answered after %d of %d bytes", route.getKey(), answer.sentBeforeAnswer(), answer.total())
                    .isTrue();
        }
        assertNoUploadFilesLeft();
    }

    @Test
    @DisplayName("A video whose headers claim 10 s but which holds 60 s is transcoded for the 10 s its probe accepted")
    void videoLongerThanItsHeadersClaim(@TempDir Path videos) throws Exception {
        Api.User owner = api.newUser("claims");
        String id = uploadVideo(owner, new Videos(videos).claimingShorter("claims.mp4", 60, 10));

        JsonNode item = awaitSettled(id, owner);
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("ready");
        assertThat(item.path("source").path("duration").asDouble()).isEqualTo(10.0);
        assertThat(item.path("renditions")).isNotEmpty();
        for (JsonNode rendition : item.path("renditions")) {
            assertThat(rendition.path("duration").asDouble())
                    .as(rendition.toString())
                    .isBetween(9.0, 11.5);
        }
    }

    @Test
    @DisplayName("A video whose cover picture comes first is transcoded from its probed video stream")
    void coverPictureBeforeTheVideo(@TempDir Path videos) throws Exception {
        Api.User owner = api.newUser("cover");
        String id = uploadVideo(owner, new Videos(videos).coverFirst("cover.mp4", 2));

        JsonNode item = awaitSettled(id, owner);
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("ready");
        assertThat(item.path("source").path("width").asInt()).isEqualTo(320);
        JsonNode rendition = item.path("renditions").get(0);
        assertThat(rendition.path("width").asInt()).as(item.toString()).isEqualTo(320);
        // why: the cover is one still frame; the real video stream lasts its two seconds
        assertThat(rendition.path("duration").asDouble())
                .as(rendition.toString())
                .isBetween(1.8, 2.2);
    }

    @Test
    @DisplayName("A video whose rotation tag is words, not degrees, is taken as it is instead of failing")
    void rotationTagInWords(@TempDir Path videos) throws Exception {
        Api.User owner = api.newUser("rotation");
        String id = uploadVideo(owner, new Videos(videos).wordsForRotation("rotation.mkv"));

        // why: the tag is anyone's to write; it once threw in the probe and failed the video as our problem
        JsonNode item = awaitSettled(id, owner);
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("ready");
        assertThat(item.path("source").path("rotation").asInt()).isZero();
    }

    @Test
    @DisplayName(
            "Slow uploads from one address hold at most their share of request threads: the next transfer gets 429 at once, another address is still served")
    void slowTransfersFromOneAddressAreBounded() throws Exception {
        Api.User user = api.newUser("dribble");
        String probe = "GET /media/no-such-file HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        List<Socket> dribbling = new ArrayList<>();
        try {
            for (int i = 0; i < TRANSFERS_PER_CLIENT; i++) {
                Socket socket = connectFrom("127.0.0.1");
                dribbling.add(socket);
                socket.getOutputStream()
                        .write(("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                        + user.token()
                                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000"
                                        + "\r\n\r\none byte at a time")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> rawHead("127.0.0.1", probe).startsWith("HTTP/1.1 429"));
            String refused = rawHead("127.0.0.1", probe);
            assertThat(refused).containsIgnoringCase("Retry-After: 5").contains("application/problem+json");
            assertThat(rawHead("127.0.0.2", probe))
                    .as("another address is let through to the file route")
                    .startsWith("HTTP/1.1 404");
        } finally {
            for (Socket socket : dribbling) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> rawHead("127.0.0.1", probe).startsWith("HTTP/1.1 404"));
    }

    private Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        // why: every address in 127.0.0.0/8 is this machine, so a second client can be another address
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** The status line and headers of a request sent on a connection of its own from {@code localAddress}. */
    private String rawHead(String localAddress, String request) throws IOException {
        try (Socket socket = connectFrom(localAddress)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            return end < 0 ? answer : answer.substring(0, end);
        }
    }

    private String uploadVideo(Api.User owner, Path file) throws Exception {
        Api.Response response = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("id").asString();
    }

    /** The item once it is ready or failed, as its owner sees it. */
    private JsonNode awaitSettled(String id, Api.User owner) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> api.get("/api/v1/media/" + id, owner.token()).json(),
                        item -> !item.path("status").asString().equals("processing"));
    }

    private RawUpload.Multipart twoPartsOverTheLimitTogether() {
        byte[] half = random(LIMIT / 2 + (256 << 10));
        return new RawUpload.Multipart().file("file", "a.mp4", half).file("extra", "b.mp4", half);
    }

    @Test
    @DisplayName(
            "Deleting a post deletes its videos: the media API and the file URLs answer 404, storage holds nothing")
    void deletingAPostDeletesItsVideos() throws Exception {
        Api.User author = api.newUser("deleter");
        JsonNode item = readyVideo(author);
        String id = item.path("id").asString();
        Api.Response posted = api.post(
                "/api/v1/me/collection", Map.of("text", "gone soon", "media_ids", List.of(id)), author.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        List<String> files = fileUrls(item);
        assertThat(files).isNotEmpty();
        assertThat(api.get(files.get(0)).status()).isEqualTo(200);
        assertThat(storage.list("media/" + id + "/")).isNotEmpty();

        Api.Response deleted = api.delete(
                "/api/v1/users/" + author.username() + "/collection/"
                        + posted.json().path("id").asLong(),
                author.token());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storage.list("media/" + id + "/")).isEmpty();
            assertThat(api.get("/api/v1/media/" + id, author.token()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/media/" + id).status()).isEqualTo(404);
            for (String file : files) {
                assertThat(api.get(file).status()).as(file).isEqualTo(404);
                assertThat(api.get(file, author.token()).status()).as(file).isEqualTo(404);
            }
        });
    }

    @Test
    @DisplayName(
            "An upload not yet on a post is seen by its owner only, with files not cached publicly; others get 404")
    void unattachedUploadIsPrivate() throws Exception {
        Api.User owner = api.newUser("private");
        Api.User stranger = api.newUser("stranger");
        JsonNode item = readyVideo(owner);
        String id = item.path("id").asString();

        assertThat(api.get("/api/v1/media/" + id, owner.token()).status()).isEqualTo(200);
        assertNotFoundProblem(api.get("/api/v1/media/" + id, stranger.token()));
        assertNotFoundProblem(api.get("/api/v1/media/" + id));
        for (String file : fileUrls(item)) {
            Api.Response own = api.get(file, owner.token());
            assertThat(own.status()).as(file).isEqualTo(200);
            assertThat(own.header("Cache-Control")).contains("private").contains("no-store");
            assertThat(api.get(file, stranger.token()).status()).as(file).isEqualTo(404);
            assertThat(api.get(file).status()).as(file).isEqualTo(404);
        }

        Api.Response posted = api.post(
                "/api/v1/me/collection", Map.of("text", "now public", "media_ids", List.of(id)), owner.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/media/" + id).status()).isEqualTo(200);
        Api.Response published = api.get(fileUrls(item).get(0));
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.header("Cache-Control")).contains("public");
    }

    @Test
    @DisplayName(
            "Only its owner can delete an upload, and only while it is on no post: others get 404, a posted one 409")
    void ownerDeletesAnUnattachedUpload() throws Exception {
        Api.User owner = api.newUser("tidy");
        Api.User stranger = api.newUser("meddler");
        String spare = upload(owner, new Videos(videos).h264("spare.mp4", "160x120", 1, false));
        String posted = upload(owner, new Videos(videos).h264("posted.mp4", "160x120", 1, false));
        Api.Response post = api.post(
                "/api/v1/me/collection",
                Map.of("text", "keeps its video", "media_ids", List.of(posted)),
                owner.token());
        assertThat(post.status()).as(post.body()).isEqualTo(201);

        assertNotFoundProblem(api.delete("/api/v1/media/" + spare, stranger.token()));
        assertThat(api.get("/api/v1/media/" + spare, owner.token()).status()).isEqualTo(200);
        assertNotFoundProblem(api.delete("/api/v1/media/" + posted, stranger.token()));

        Api.Response conflict = api.delete("/api/v1/media/" + posted, owner.token());
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().path("detail").asString()).contains("post");
        assertThat(api.get("/api/v1/media/" + posted, owner.token()).status()).isEqualTo(200);

        Api.Response deleted = api.delete("/api/v1/media/" + spare, owner.token());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(api.get("/api/v1/media/" + spare, owner.token()).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storage.list("media/" + spare + "/"))
                .isEmpty());
        assertNotFoundProblem(api.delete("/api/v1/media/" + spare, owner.token()));
    }

    @Test
    @DisplayName("A member uploading more videos a day than allowed gets 429 with Retry-After, naming that quota")
    void uploadsPerDayQuota() {
        Api.User member = api.newUser("prolific");
        for (int i = 0; i < UPLOADS_PER_DAY; i++) {
            Api.Response accepted = rawUpload(member, random(1024 + i));
            assertThat(accepted.status())
                    .as("upload %d: %s", i, accepted.body())
                    .isEqualTo(202);
        }
        Api.Response refused = rawUpload(member, random(2048));
        assertQuotaProblem(refused, UPLOADS_PER_DAY + " videos");
        assertThat(api.newPost(member, "words are not videos")).isPositive();
        assertThat(rawUpload(api.newUser("neighbour"), random(1024)).status())
                .as("another member's quota is their own")
                .isEqualTo(202);
    }

    @Test
    @DisplayName("A member uploading more bytes a day than allowed gets 429 with Retry-After and nothing is kept")
    void uploadBytesPerDayQuota() throws Exception {
        Api.User member = api.newUser("bulky");
        byte[] large = random(15 << 20);
        for (int i = 0; i < 3; i++) {
            Api.Response accepted = rawUpload(member, large);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        }
        List<String> before = storage.list("media/");
        Api.Response refused = rawUpload(member, large);
        assertQuotaProblem(refused, "48.0 MB");
        List<String> after = new ArrayList<>(storage.list("media/"));
        after.removeAll(before);
        assertThat(after).as("objects stored for the refused upload").isEmpty();
        assertNoUploadFilesLeft();
    }

    /** Deleting uploads gives none of the day's allowance back: the quota counts what was sent. */
    @Test
    @DisplayName("Deleting uploads does not reset the daily quota")
    void deletingDoesNotResetTheQuota() {
        Api.User member = api.newUser("churner");
        for (int i = 0; i < UPLOADS_PER_DAY; i++) {
            Api.Response accepted = rawUpload(member, random(512 + i));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().path("id").asString();
            assertThat(api.delete("/api/v1/media/" + id, member.token()).status())
                    .isEqualTo(204);
        }
        assertQuotaProblem(rawUpload(member, random(700)), UPLOADS_PER_DAY + " videos");
    }

    @Test
    @DisplayName(
            "A file that can never become a video does not keep its disk space: its original is deleted, its reason kept")
    void failedUploadsGiveBackTheirDisk() {
        Api.User member = api.newUser("noise");
        Api.Response uploaded = rawUpload(member, random(300_000));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
        String id = uploaded.json().path("id").asString();

        JsonNode failed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get("/api/v1/media/" + id, member.token()).json(),
                        item -> item.path("status").asString().equals("failed"));
        assertThat(failed.path("reason").asString()).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(storage.list("media/" + id + "/"))
                .isEmpty());
        JsonNode after = api.get("/api/v1/media/" + id, member.token()).json();
        assertThat(after.path("status").asString()).isEqualTo("failed");
        assertThat(after.path("reason").asString())
                .isEqualTo(failed.path("reason").asString());
    }

    private Api.Response rawUpload(Api.User owner, byte[] body) {
        return api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static void assertQuotaProblem(Api.Response response, String quota) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains(quota).contains("24 hours");
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 24 * 3600L);
    }

    private String upload(Api.User owner, Path video) throws IOException {
        Api.Response uploaded = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(video)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
        return uploaded.json().path("id").asString();
    }

    private JsonNode readyVideo(Api.User owner) throws Exception {
        String id = upload(owner, new Videos(videos).h264("mine.mp4", "160x120", 1, false));
        JsonNode item = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get("/api/v1/media/" + id, owner.token()).json(),
                        json -> !json.path("status").asString().equals("processing"));
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("ready");
        return item;
    }

    private static List<String> fileUrls(JsonNode item) {
        List<String> urls = new ArrayList<>();
        item.path("renditions")
                .forEach(rendition -> urls.add(rendition.path("url").asString()));
        item.path("thumbnails")
                .forEach(thumbnail -> urls.add(thumbnail.path("url").asString()));
        return urls;
    }

    private static void assertNotFoundProblem(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static void assertTooLargeProblem(RawUpload.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("larger than the limit of " + LIMIT + " bytes");
    }

    /** Neither the upload spool nor the multipart work area keeps anything once the request is over. */
    private void assertNoUploadFilesLeft() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(filesUnder(Path.of(dataDir, "uploads"))).isEmpty();
            assertThat(filesUnder(Path.of(dataDir, "work", "multipart"))).isEmpty();
        });
    }

    static List<Path> filesUnder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A page session as a browser holds it after the login form: its cookies and the page's CSRF token. */
    record PageSession(String cookies, String csrf) {

        /** A request with the session and the token in the header, as the compose box's script sends it. */
        String head(String path) {
            return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nCookie: " + cookies
                    + "\r\nX-XSRF-TOKEN: " + csrf;
        }

        /** A request with the session, as a browser sends the compose form without its script. */
        String cookieHead(String path) {
            return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nCookie: " + cookies;
        }
    }

    private PageSession signIn(String prefix) throws Exception {
        Api.User user = api.newUser(prefix);
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String loginToken = csrf(browser.send(get("/login"), HttpResponse.BodyHandlers.ofString()));
        String form = "username=" + user.username() + "&password="
                + URLEncoder.encode(Api.STRONG_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(loginToken, StandardCharsets.UTF_8);
        HttpResponse<String> loggedIn = browser.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String token = csrf(browser.send(get("/"), HttpResponse.BodyHandlers.ofString()));
        List<String> pairs = new ArrayList<>();
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            pairs.add(cookie.getName() + "=" + cookie.getValue());
        }
        return new PageSession(String.join("; ", pairs), token);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(api.base() + path)).build();
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }
}
