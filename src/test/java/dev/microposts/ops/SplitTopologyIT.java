package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.Browser;
import dev.microposts.support.ComposeProject;
import dev.microposts.support.PageSteps;
import dev.microposts.support.Ports;
import dev.microposts.support.SseClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The split topology in real containers: {@code deploy/compose.yaml} with the images {@code deploy/images/build.sh}
 * makes from Debian's packages (PostgreSQL, the Artemis distribution, S3Mock, nginx, MicroPosts), two web and two
 * worker processes on a private podman network, only nginx published on 127.0.0.1. Everything goes through nginx,
 * as a member's browser would, and then the containers are hurt one at a time: nothing acknowledged is lost or
 * doubled. Run alone with {@code ./mvnw -Pcontainers verify} (as root, with podman and podman-compose).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitTopologyIT {

    private static final String PROJECT = "micropostsit";
    private static final List<String> ENGINES = List.of("postgres", "broker", "s3");
    private static final List<String> APPS = List.of("web-1", "web-2", "worker-1", "worker-2");
    private static final String JRE_BASE = "localhost/microposts-jre-base:bookworm";
    private static final String APP_IMAGE = "localhost/microposts:latest";

    private static Path directory;
    private static Path envFile;
    private static ComposeProject compose;
    private static Api api;
    private static int port;
    private static Videos videos;
    private static boolean passed;

    @BeforeAll
    static void startTheTopology() throws Exception {
        directory =
                Files.createDirectories(Path.of("target", "test-data")).resolve("SplitTopologyIT-" + UUID.randomUUID());
        Files.createDirectories(directory);
        ComposeProject.Result images = new ComposeProject(PROJECT, Map.of("SKIP_JAR", "1", "FIGURES", "0"), directory)
                .run(List.of("deploy/images/build.sh"), Duration.ofMinutes(30));
        Files.writeString(directory.resolve("build.log"), images.output());
        assertThat(images.exitCode()).as(images.output()).isZero();

        String secret = UUID.randomUUID().toString();
        envFile = directory.resolve("microposts.env").toAbsolutePath();
        Files.writeString(
                envFile,
                String.join(
                        "\n",
                        "POSTGRES_USER=microposts",
                        "POSTGRES_PASSWORD=" + secret,
                        "POSTGRES_DB=microposts",
                        "DATABASE_URL=postgres://microposts:" + secret + "@postgres:5432/microposts",
                        "ARTEMIS_USER=microposts",
                        "ARTEMIS_PASSWORD=" + secret,
                        "BROKER_URL=tcp://microposts:" + secret + "@broker:61616",
                        "STORAGE_ACCESS_KEY=microposts",
                        "STORAGE_SECRET_KEY=" + secret,
                        // why: every account of the test signs up from this one machine
                        "MICROPOSTS_ACCOUNTS_SIGN_UP_PER_ADDRESS=1000",
                        ""),
                StandardCharsets.UTF_8);
        port = Ports.free();
        Map<String, String> environment = new HashMap<>();
        environment.put("MICROPOSTS_ENV_FILE", envFile.toAbsolutePath().toString());
        environment.put("MICROPOSTS_IMAGE", APP_IMAGE);
        environment.put("POSTGRES_IMAGE", "localhost/microposts-postgres:bookworm");
        environment.put("ARTEMIS_IMAGE", "localhost/microposts-artemis:2.40.0");
        environment.put("S3_IMAGE", "localhost/microposts-s3mock:5.2.0");
        environment.put("NGINX_IMAGE", "localhost/microposts-nginx:bookworm");
        environment.put("JRE_BASE_IMAGE", JRE_BASE);
        environment.put("HTTP_PORT", Integer.toString(port));
        // why: the test reaches nginx over plain HTTP, where Chromium keeps no Secure cookie
        environment.put("MICROPOSTS_WEB_SECURE_COOKIES", "false");
        compose = new ComposeProject(PROJECT, environment, directory);
        // a run that was stopped half-way leaves its containers; they would hold the names
        compose.compose("down", "-t", "1", "-v");

        compose.upInStages(ENGINES, List.of("web-1", "web-2", "worker-1", "worker-2", "nginx"));
        for (String app : APPS) {
            compose.awaitHealthy(app, Duration.ofMinutes(6));
        }
        api = new Api(port);
        await("nginx answering")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> api.get("/login").status() == 200);
        videos = new Videos(directory);
    }

    @AfterAll
    static void removeTheTopology() throws Exception {
        if (compose != null) {
            compose.close();
        }
        if (passed && directory != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(directory);
        }
    }

    @Test
    @Order(1)
    void aVideoPostReachesTheFollowerThroughNginxAndThePagesRender() throws Exception {
        Api.User author = api.newUser("author");
        Api.User follower = api.newUser("follower");
        assertThat(api.put("/api/v1/me/following/" + author.username(), null, follower.token())
                        .status())
                .isEqualTo(204);

        try (SseClient stream = SseClient.connect(port, follower.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() == 200);
            Path clip = videos.h264("split.mp4", "640x360", 2, true);
            String mediaId = upload(author, clip);
            var created = api.post(
                    "/api/v1/me/collection",
                    Map.of(
                            "text",
                            "from the containers",
                            "referenced",
                            follower.username(),
                            "media_ids",
                            List.of(mediaId)),
                    author.token());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long postId = created.json().path("id").asLong();

            JsonNode media = awaitReady(author, mediaId, Duration.ofMinutes(3));
            assertThat(heights(media)).containsExactly(240, 360);
            for (JsonNode rendition : media.path("renditions")) {
                // through nginx: MicroPosts checks the URL, nginx fetches the bytes from the bucket
                var file = api.send(api.request(rendition.path("url").asString(), null)
                        .header("Range", "bytes=0-99")
                        .GET());
                assertThat(file.status()).isEqualTo(206);
                assertThat(file.header("Content-Range"))
                        .endsWith("/" + rendition.path("size").asLong());
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> timelineIds(follower).contains(postId));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> notificationKinds(follower).contains("referenced"));
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.events().stream()
                    .anyMatch(e -> e.name().equals("timeline") && e.data().contains("\"post_id\":" + postId)));

            try (Browser browser = Browser.open()) {
                PageSteps pages = new PageSteps(browser.driver(), port);
                logIn(browser, pages, follower);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> pages.postTexts().contains("from the containers"));
                browser.driver().get(pages.url("/users/" + author.username() + "/posts/" + postId));
                assertThat(pages.find("video").getAttribute("poster")).contains("/media/" + mediaId);
            }
        }
    }

    @Test
    @Order(2)
    void adminCommandsRunInAContainerOfTheImage() throws Exception {
        // as the README shows it: the image's entry point takes MicroPosts' arguments
        ComposeProject.Result made = compose.run(
                List.of(
                        "podman",
                        "run",
                        "--rm",
                        "--env-file",
                        envFile.toString(),
                        "--network",
                        compose.network(),
                        "-e",
                        "MICROPOSTS_PASSWORD=" + Api.STRONG_PASSWORD,
                        APP_IMAGE,
                        "create-user",
                        "operator",
                        "--admin"),
                Duration.ofMinutes(3));
        assertThat(made.exitCode()).as(made.output()).isZero();
        String token = api.token("operator", Api.STRONG_PASSWORD);
        assertThat(api.get("/api/v1/admin/alerts", token).status()).isEqualTo(200);

        Map<String, String> labels = new HashMap<>();
        for (String label : List.of("version", "revision", "source")) {
            labels.put(
                    label,
                    compose.podman(
                                    Duration.ofSeconds(20),
                                    "image",
                                    "inspect",
                                    "--format",
                                    "{{index .Labels \"org.opencontainers.image." + label + "\"}}",
                                    APP_IMAGE)
                            .strip());
        }
        assertThat(labels.get("version")).startsWith("0.");
        assertThat(labels.get("revision")).matches("[0-9a-f]{40}");
        assertThat(labels.get("source")).startsWith("https://");
    }

    @Test
    @Order(3)
    void aWorkerKilledInMidTranscodeLeavesOneSetOfOutputs() throws Exception {
        Api.User author = api.newUser("killed");
        String mediaId = upload(author, videos.h264("long.mp4", "1280x720", 20, true));
        String busy = awaitTranscoding(Duration.ofMinutes(2));

        compose.kill(busy);
        try {
            JsonNode media = awaitReady(author, mediaId, Duration.ofMinutes(5));
            assertThat(heights(media)).containsExactly(240, 360, 480, 720);
            assertOneSetOfOutputs(mediaId, media);
        } finally {
            // why: the later tests need every process, whatever became of this one
            compose.start(busy);
            compose.awaitHealthy(busy, Duration.ofMinutes(6));
        }
    }

    @Test
    @Order(4)
    void postsWrittenWhileTheBrokerIsDownReachTheFollowerExactlyOnce() throws Exception {
        Api.User author = api.newUser("outage");
        Api.User follower = api.newUser("reader");
        assertThat(api.put("/api/v1/me/following/" + author.username(), null, follower.token())
                        .status())
                .isEqualTo(204);

        // a quarter before the outage, half during it, a quarter once the broker is back
        Set<Long> acknowledged = new java.util.LinkedHashSet<>();
        int refused = write(author, 0, 50, acknowledged);
        compose.stop("broker", Duration.ofSeconds(10));
        long stoppedAt = System.nanoTime();
        refused += write(author, 50, 150, acknowledged);
        Duration outage = Duration.ofSeconds(20).minusNanos(System.nanoTime() - stoppedAt);
        if (!outage.isNegative()) {
            await("the rest of the outage")
                    .pollDelay(outage)
                    .atMost(outage.plusSeconds(5))
                    .until(() -> true);
        }
        compose.start("broker");
        refused += write(author, 150, 200, acknowledged);
        compose.awaitHealthy("broker", Duration.ofMinutes(2));

        assertThat(acknowledged.size() + refused).isEqualTo(200);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                // why: podman rewrites the host's forwarding rules as the broker's container starts again, and
                // a connection to nginx can be refused meanwhile
                .ignoreExceptions()
                .until(() -> new TreeSet<>(timelineIds(follower)).containsAll(acknowledged));
        List<Long> timeline = timelineIds(follower);
        assertThat(timeline).doesNotHaveDuplicates();
        assertThat(timeline).containsExactlyInAnyOrderElementsOf(acknowledged);
        for (String app : APPS) {
            compose.awaitHealthy(app, Duration.ofMinutes(6));
        }
    }

    @Test
    @Order(5)
    void aWebProcessKilledLeavesSessionsAndLiveStreamsWhole() throws Exception {
        Api.User author = api.newUser("speaker");
        Api.User listener = api.newUser("listener");
        assertThat(api.put("/api/v1/me/following/" + author.username(), null, listener.token())
                        .status())
                .isEqualTo(204);
        try (Browser browser = Browser.open();
                SseClient stream = SseClient.connect(port, listener.token())) {
            // why: a stream opened without Last-Event-ID starts at the present, so the post comes after it opened
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.status() == 200);
            long before = api.newPost(author, "before the crash");
            PageSteps pages = new PageSteps(browser.driver(), port);
            logIn(browser, pages, listener);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stream.events().stream().anyMatch(e -> e.data().contains("\"post_id\":" + before)));
            String lastSeen = stream.events().get(stream.events().size() - 1).id();

            compose.kill("web-1");
            List<Long> missed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                missed.add(api.newPost(author, "while web-1 is down " + i));
            }
            try (SseClient resumed = SseClient.resume(port, listener.token(), lastSeen)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> missed.stream().allMatch(id -> resumed.events().stream()
                                .anyMatch(e -> e.data().contains("\"post_id\":" + id))));
                assertThat(resumed.events()).noneMatch(e -> lastSeen.equals(e.id()));
                assertThat(resumed.events().stream().map(SseClient.Event::id)).doesNotHaveDuplicates();
            }
            // the page session lives in PostgreSQL, so web-2 knows it
            for (int i = 0; i < 3; i++) {
                browser.driver().get(pages.url("/"));
                assertThat(pages.find("main").getText()).contains("while web-1 is down 4");
                assertThat(browser.driver().findElements(By.cssSelector("a[href='/login']")))
                        .isEmpty();
            }
        }
        compose.start("web-1");
        compose.awaitHealthy("web-1", Duration.ofMinutes(6));
    }

    @Test
    @Order(6)
    void aWorkerStoppedInMidTaskFinishesItWithinTheGrace() throws Exception {
        Api.User author = api.newUser("drained");
        // one transcode task (both rungs of a 360p source are in the first group) that runs for seconds
        String mediaId = upload(author, videos.h264("drain.mp4", "640x360", 20, true));
        String busy = awaitTranscoding(Duration.ofMinutes(2));

        long started = System.nanoTime();
        compose.stop(busy, Duration.ofSeconds(45));
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        // MICROPOSTS_TASKS_SHUTDOWN_GRACE is 30s: the process ended on its own, not by podman's SIGKILL
        assertThat(stopping).isLessThan(Duration.ofSeconds(40));
        assertThat(compose.exitCode(busy)).isNotEqualTo(137);
        // finished by the stopping worker: a task it had given back would wait out the part's lease elsewhere
        JsonNode media = awaitReady(author, mediaId, Duration.ofSeconds(10));
        assertOneSetOfOutputs(mediaId, media);

        compose.start(busy);
        compose.awaitHealthy(busy, Duration.ofMinutes(6));
        passed = true;
    }

    /**
     * Logs in through the form, as {@link PageSteps#logIn} does, with patience for a machine whose cores four
     * MicroPosts processes share: hashing the password there can take longer than the pages' usual wait.
     */
    private static void logIn(Browser browser, PageSteps pages, Api.User user) {
        browser.driver().get(pages.url("/login"));
        browser.driver().findElement(By.id("username")).sendKeys(user.username());
        browser.driver().findElement(By.id("password")).sendKeys(Api.STRONG_PASSWORD);
        browser.driver().findElement(By.cssSelector("main form button")).click();
        await("logged in as " + user.username())
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.driver().getCurrentUrl())
                        .as(browser.driver().findElement(By.tagName("main")).getText())
                        .isEqualTo(pages.url("/")));
    }

    /** Writes posts {@code from} to {@code to}; answers how many were refused, keeping the others' ids. */
    private static int write(Api.User author, int from, int to, Set<Long> acknowledged) {
        int refused = 0;
        for (int i = from; i < to; i++) {
            var created = api.post("/api/v1/me/collection", Map.of("text", "post " + i), author.token());
            if (created.status() == 201) {
                acknowledged.add(created.json().path("id").asLong());
            } else {
                refused++;
            }
        }
        return refused;
    }

    private static String upload(Api.User owner, Path video) throws Exception {
        var upload = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(video)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        return upload.json().path("id").asString();
    }

    private static JsonNode awaitReady(Api.User owner, String mediaId, Duration atMost) {
        await("video " + mediaId + " ready")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                // why: a request in flight to a process the test has just killed gets nginx's 502 page
                .ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
                .until(() -> {
                    String status = api.get("/api/v1/media/" + mediaId, owner.token())
                            .json()
                            .path("status")
                            .asString();
                    assertThat(status).isNotEqualTo("failed");
                    return status.equals("ready");
                });
        return api.get("/api/v1/media/" + mediaId, owner.token()).json();
    }

    /** The MicroPosts container in which ffmpeg is encoding a rendition now. */
    private static String awaitTranscoding(Duration atMost) {
        List<String> found = new ArrayList<>();
        await("an ffmpeg transcoding")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String app : APPS) {
                        if (compose.processes(app).stream()
                                .anyMatch(p -> p.contains("/opt/ffmpeg/ffmpeg") && p.contains("libx264"))) {
                            found.add(app);
                            return true;
                        }
                    }
                    return false;
                });
        return found.get(0);
    }

    /** Every rendition and thumbnail stored once, under the one token the API names. */
    private static void assertOneSetOfOutputs(String mediaId, JsonNode media) {
        List<String> keys = compose.bucketKeys(JRE_BASE, "microposts", "media/" + mediaId + "/");
        Map<String, List<String>> byFile = keys.stream()
                .filter(key -> key.split("/").length == 4)
                .collect(Collectors.groupingBy(key -> key.substring(key.lastIndexOf('/') + 1)));
        assertThat(byFile.values()).as("%s", keys).allSatisfy(copies -> assertThat(copies)
                .hasSize(1));
        for (JsonNode rendition : media.path("renditions")) {
            String url = rendition.path("url").asString();
            assertThat(keys).contains(url.substring(url.indexOf("media/" + mediaId)));
        }
    }

    private static List<Integer> heights(JsonNode media) {
        List<Integer> heights = new ArrayList<>();
        media.path("renditions")
                .forEach(r -> heights.add(
                        Math.min(r.path("width").asInt(), r.path("height").asInt())));
        Collections.sort(heights);
        return heights;
    }

    /** The whole home timeline, page after page. */
    private static List<Long> timelineIds(Api.User user) {
        List<Long> ids = new ArrayList<>();
        String next = "/api/v1/me/timeline?limit=100";
        while (next != null) {
            var page = api.get(next, user.token());
            page.json().valueStream().forEach(p -> ids.add(p.path("id").asLong()));
            next = page.nextLink();
        }
        return ids;
    }

    private static List<String> notificationKinds(Api.User user) {
        return api.get("/api/v1/me/notifications", user.token())
                .json()
                .valueStream()
                .map(n -> n.path("kind").asString())
                .toList();
    }
}
