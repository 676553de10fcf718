package dev.microposts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.AppProcess;
import dev.microposts.support.AppProcess.Build;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import dev.microposts.support.Ports;
import dev.microposts.support.PreviousRelease;
import dev.microposts.support.SseClient;
import dev.microposts.support.StandaloneBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The README's rolling upgrade, step by step, from the newest release in {@code RELEASES.tsv} (built from its commit)
 * to this tree, on the split topology: two web and two worker processes on a shared PostgreSQL, broker and storage.
 *
 * <p>The previous release runs with posts, follows and a video in flight; {@code migrate --expand} runs; the workers,
 * then the web processes, are replaced one at a time in an order drawn from a printed seed, a new process ready
 * before the old one gets SIGTERM, while people keep using the site through a balancer that, like nginx or a
 * Service, tries the next process when one refuses the connection. Then the rollback check runs the previous
 * release again beside the new one on the expanded schema, its web process and its only worker reading what the
 * new release wrote, and {@code migrate --contract} ends the upgrade. Everyone's posts, follows, timelines,
 * notifications, events, tasks and video files are counted at the end: each exactly once.
 */
class RollingUpgradeIT {

    private static final List<String> WEBS = List.of("web-1", "web-2");
    private static final List<String> WORKERS = List.of("worker-1", "worker-2");

    @Test
    void theSplitTopologyUpgradesOneProcessAtATimeAndLosesNothing(@TempDir Path root) throws Exception {
        PreviousRelease previous = PreviousRelease.newest();
        Build old = Build.jar(previous.jar());
        long seed = Long.getLong("upgrade.seed", new Random().nextLong());
        Random order = new Random(seed);
        List<String> workers = new ArrayList<>(WORKERS);
        List<String> webs = new ArrayList<>(WEBS);
        Collections.shuffle(workers, order);
        Collections.shuffle(webs, order);
        List<String> steps = Stream.concat(workers.stream(), webs.stream()).toList();
        System.out.println("Rolling upgrade from " + previous.label() + " in the order " + steps + ", from seed " + seed
                + " (-Dupgrade.seed=" + seed + " repeats it)");

        Videos videos = new Videos(Files.createDirectories(root.resolve("videos")));
        Path clip = videos.h264("journey.mp4", "320x240", 1, true);
        Path long_ = videos.h264("in-flight.mp4", "640x360", 30, true);
        Path storage = Files.createDirectories(root.resolve("media"));
        try (StandaloneBroker broker = StandaloneBroker.start(root.resolve("broker"), Ports.free(), false);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(root.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start();
                Deployment deployment = new Deployment(
                        root,
                        Map.of(
                                "DATABASE_URL",
                                "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres",
                                "BROKER_URL",
                                broker.url(),
                                "STORAGE_URL",
                                storage.toUri().toString(),
                                "MICROPOSTS_WEB_DRAIN_DELAY",
                                "3s",
                                "MICROPOSTS_ADMIN_SAMPLE_INTERVAL",
                                "5s",
                                // why: as the README says, the grace covers the longest task, so a worker stopped
                                // in mid-transcode finishes it rather than leaving a half-made set of files
                                "MICROPOSTS_TASKS_SHUTDOWN_GRACE",
                                "120s"))) {
            JdbcClient db = JdbcClient.create(postgres.getPostgresDatabase());
            Site site = deployment.site;

            // the previous release, deployed as its README said: migrate, then the processes
            deployment.migrate(old, "migrate");
            deployment.startAll(
                    old, Stream.concat(WEBS.stream(), WORKERS.stream()).toList());
            Usage usage = new Usage(site, clip);
            usage.begin();
            usage.journey("on " + previous.version());
            Api.User uploader = usage.follow("inflight");
            String inFlight = site.upload(uploader, long_);
            long inFlightPost = usage.postWith(uploader, "a long video, posted before the upgrade", inFlight);

            assertThat(db.sql("select status from media where id = ?::uuid")
                            .param(inFlight)
                            .query(String.class)
                            .single())
                    .as("the video is still being processed when the upgrade begins")
                    .isEqualTo("processing");
            AppProcess.Command expand = deployment.migrate(Build.CURRENT, "migrate", "--expand");
            assertThat(expand.output()).contains("the schema is at version " + newestExpandMigration());
            usage.journey("on " + previous.version() + ", schema expanded");

            for (String host : steps) {
                usage.during("replacing " + host, () -> deployment.replace(host, Build.CURRENT));
            }
            Set<String> upgraded = site.versions();
            assertThat(upgraded).hasSize(1).noneMatch(version -> version.equals("none"));

            // rollback check: the previous release runs again on the expanded schema, beside the new one, and is
            // the only worker while the new web processes take uploads and posts
            usage.during("rolling back one web process and the workers", () -> {
                deployment.startAll(old, List.of("web-3", "worker-3"));
                deployment.stop("worker-1");
                deployment.stop("worker-2");
            });
            String rolledBack = usage.journey("through " + previous.version() + "'s web process and worker");
            assertThat(deployment.log("worker-3")).contains(rolledBack);
            usage.during("rolling forward again", () -> {
                deployment.startAll(Build.CURRENT, List.of("worker-1", "worker-2"));
                deployment.stop("worker-3");
                deployment.stop("web-3");
            });

            AppProcess.Command contract = deployment.migrate(Build.CURRENT, "migrate", "--contract");
            assertThat(contract.output()).contains("the schema is at version " + newestExpandMigration());
            usage.journey("after contract");
            site.awaitMediaReady(uploader, inFlight);
            usage.awaitSeen(inFlightPost);
            usage.end();

            assertNothingLostOrDoubled(db, usage, storage);
            assertThat(site.failures())
                    .as("5xx answers other than 503 with Retry-After")
                    .isEmpty();
            System.out.println("Upgrade journeys: " + usage.journeys.get() + ", posts " + usage.posts.size()
                    + ", follows " + usage.follows.size() + ", videos " + usage.media.size() + ", live-stream"
                    + " reconnections " + usage.stream.reconnections.get() + ", 503s with Retry-After "
                    + site.refusals.size());

            assertTheDashboardShowsTheRollout(db, site, previous, steps);
        }
    }

    /** Each post, follow, event, timeline entry, notification, task and video file: there, and there once. */
    private static void assertNothingLostOrDoubled(JdbcClient db, Usage usage, Path storage) throws IOException {
        await("every event read by every consumer, the relay to the broker included")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> db.sql("""
                                select count(*) from bus_positions p join bus_events e on (e.tx, e.seq) > (p.tx, p.seq)
                                 where cardinality(p.types) = 0 or e.type = any(p.types)""").query(Long.class).single() == 0);
        assertThat(db.sql("select consumer || ': ' || coalesce(last_error, '') from bus_failures")
                        .query(String.class)
                        .list())
                .as("events a consumer set aside")
                .isEmpty();
        Map<Long, String> posts = usage.posts;
        Map<Long, Long> written = db
                .sql("select id, count(*) from posts where id in (:ids) group by id")
                .param("ids", posts.keySet())
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(posts.keySet());
        for (String text : posts.values()) {
            assertThat(db.sql("select count(*) from posts where text = ?")
                            .param(text)
                            .query(Long.class)
                            .single())
                    .as("posts written as '%s'", text)
                    .isEqualTo(1);
        }
        for (String type : List.of("microposts.post.created", "microposts.post.published")) {
            assertThat(eventsPerPost(db, type, posts.keySet()))
                    .as(type)
                    .containsOnlyKeys(posts.keySet())
                    .allSatisfy((post, count) -> assertThat(count).isEqualTo(1));
        }
        long reader = usage.readerId(db);
        assertThat(db.sql("select post_id from home_timeline where owner_id = :owner and post_id in (:ids)")
                        .param("owner", reader)
                        .param("ids", posts.keySet())
                        .query(Long.class)
                        .list())
                .as("the reader's home timeline")
                .containsExactlyInAnyOrderElementsOf(posts.keySet());
        for (String author : usage.follows) {
            long id = userId(db, author);
            assertThat(db.sql("select count(*) from follows where follower_id = ? and followee_id = ?")
                            .params(reader, id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(db.sql("select count(*) from bus_events where type = 'microposts.user.followed'"
                                    + " and (data->>'follower_id')::bigint = ? and (data->>'followee_id')::bigint = ?")
                            .params(reader, id)
                            .query(Long.class)
                            .single())
                    .as("followed events of %s", author)
                    .isEqualTo(1);
            assertThat(db.sql("select count(*) from notifications where user_id = ? and kind = 'followed'")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("follow notifications of %s", author)
                    .isEqualTo(1);
        }
        for (String media : usage.media) {
            assertThat(db.sql("select count(*) from notifications where media_id = ?::uuid and kind = 'video_ready'")
                            .param(media)
                            .query(Long.class)
                            .single())
                    .as("video-ready notifications of %s", media)
                    .isEqualTo(1);
            assertThat(db.sql("select status from media_parts where media_id = ?::uuid")
                            .param(media)
                            .query(String.class)
                            .list())
                    .as("the tasks of %s", media)
                    .isNotEmpty()
                    .containsOnly("done");
            List<String> outputs = db.sql("select storage_key from media_outputs where media_id = ?::uuid")
                    .param(media)
                    .query(String.class)
                    .list();
            List<String> files;
            try (Stream<Path> stored = Files.walk(storage.resolve("media").resolve(media))) {
                files = stored.filter(Files::isRegularFile)
                        .map(file -> storage.relativize(file).toString().replace('\\', '/'))
                        .toList();
            }
            assertThat(files).as("stored files of %s", media).containsAll(outputs);
            Map<String, List<String>> byName = files.stream()
                    .filter(key -> key.split("/").length == 4)
                    .collect(Collectors.groupingBy(key -> key.substring(key.lastIndexOf('/') + 1)));
            assertThat(byName.values())
                    .as("one copy of each output of %s: %s", media, files)
                    .allSatisfy(copies -> assertThat(copies).hasSize(1));
        }
        assertThat(usage.stream.events().stream().map(SseClient.Event::id))
                .as("live-stream events over every reconnection")
                .doesNotHaveDuplicates();
        for (long post : posts.keySet()) {
            assertThat(usage.stream.events().stream().filter(event -> shows(event, post)))
                    .as("the live stream's timeline events for post %d", post)
                    .hasSize(1);
        }
    }

    /** The version of this tree's newest expand migration, e.g. {@code 21}. */
    private static int newestExpandMigration() throws IOException {
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            return migrations
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max()
                    .orElseThrow();
        }
    }

    /** Whether a live-stream event puts this post on the timeline. */
    private static boolean shows(SseClient.Event event, long post) {
        return event.name().equals("timeline")
                && (event.data().contains("\"post_id\":" + post + ",")
                        || event.data().contains("\"post_id\":" + post + "}"));
    }

    private static Map<Long, Long> eventsPerPost(JdbcClient db, String type, Set<Long> posts) {
        return db
                .sql("select (data->>'post_id')::bigint, count(*) from bus_events where type = :type"
                        + " and (data->>'post_id')::bigint in (:ids) group by 1")
                .param("type", type)
                .param("ids", posts)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long userId(JdbcClient db, String username) {
        return db.sql("select id from users where username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    /** The operations dashboard, in Chromium, on what the real processes recorded: each lane on both releases. */
    private static void assertTheDashboardShowsTheRollout(
            JdbcClient db, Site site, PreviousRelease previous, List<String> steps) {
        Api.User operator = site.newUser("operator");
        db.sql("update users set admin = true where username = ?")
                .param(operator.username())
                .update();
        String current = site.versions().iterator().next(); // e.g. 0.2.0-SNAPSHOT+3f2c1ab
        String currentLabel =
                current.substring(0, current.indexOf('+')) + " (" + current.substring(current.indexOf('+') + 1) + ")";
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps pages = new PageSteps(page, site.anyPort());
            pages.logIn(operator);
            page.get(pages.url("/admin"));
            WebElement view = page.findElement(By.cssSelector("figure.rollout"));
            for (String host : steps) {
                String node = host + "/" + (host.startsWith("web") ? "web" : "worker");
                assertThat(view.findElements(By.cssSelector("g.lane[data-node='" + node + "'] rect")).stream()
                                .map(segment -> segment.getDomAttribute("data-release"))
                                .distinct()
                                .toList())
                        .as("the lane of %s", node)
                        .containsExactly(previous.label(), currentLabel);
            }
            List<String> rows =
                    page.findElements(By.cssSelector("[aria-labelledby='releases-heading'] tr.rollout-step")).stream()
                            .map(WebElement::getText)
                            .toList();
            assertThat(rows)
                    .anySatisfy(
                            row -> assertThat(row).startsWith("worker-3/worker").contains(previous.label()))
                    .anySatisfy(row -> assertThat(row).startsWith("web-1/web").contains(currentLabel, "running"));
            browser.screenshot("ops-rollout-upgrade");
        }
    }

    /**
     * The processes by host name, each on its own data directory, and the balancer in front of the web ones. A
     * replacement keeps the host name, as a restarted container does, so the dashboard shows it on the same lane.
     */
    private static final class Deployment implements AutoCloseable {

        private final Path root;
        private final Map<String, String> environment;
        private final Map<String, AppProcess> running = new ConcurrentHashMap<>();
        private final AtomicInteger generation = new AtomicInteger();
        final Site site = new Site();

        Deployment(Path root, Map<String, String> environment) {
            this.root = root;
            this.environment = environment;
        }

        AppProcess.Command migrate(Build build, String... arguments) throws IOException {
            int run = generation.incrementAndGet();
            AppProcess.Command command = AppProcess.runCommand(
                    build,
                    Files.createDirectories(root.resolve("migrate-" + run)),
                    root.resolve("migrate-" + run + ".log"),
                    environment,
                    List.of(arguments));
            assertThat(command.exitCode()).as(command.output()).isZero();
            return command;
        }

        /** Starts these hosts side by side and waits until every one is ready. */
        void startAll(Build build, List<String> hosts) {
            List<CompletableFuture<Void>> starts = hosts.stream()
                    .map(host -> CompletableFuture.runAsync(() -> start(host, build)))
                    .toList();
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        }

        /** The new process first, ready, then the old one stopped: a rolling update's surge of one. */
        void replace(String host, Build build) {
            AppProcess before = running.remove(host);
            start(host, build);
            stop(host, before);
        }

        void stop(String host) {
            stop(host, running.remove(host));
        }

        String log(String host) {
            return running.get(host).log();
        }

        private void start(String host, Build build) {
            try {
                String name = host + "-" + generation.incrementAndGet();
                Map<String, String> env = new HashMap<>(environment);
                env.put("HOSTNAME", host);
                env.put("MICROPOSTS_ROLES", host.startsWith("web") ? "web" : "worker");
                if (!host.startsWith("web")) {
                    env.put("MANAGEMENT_SERVER_PORT", String.valueOf(Ports.free()));
                }
                AppProcess process = AppProcess.start(
                        build, Files.createDirectories(root.resolve(name)), root.resolve(name + ".log"), env);
                if (host.startsWith("web")) {
                    site.add(process);
                }
                AppProcess replaced = running.put(host, process);
                assertThat(replaced).isNull();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * SIGTERM; a web process leaves the balancer once its readiness says 503, as a balancer probing it would
         * notice, and serves what it gets meanwhile.
         */
        private void stop(String host, AppProcess process) {
            process.terminate();
            if (host.startsWith("web")) {
                await(host + " draining")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> !process.isAlive()
                                || process.management()
                                                .get("/actuator/health/readiness")
                                                .status()
                                        == 503);
                site.remove(process);
            }
            assertThat(process.awaitExit(Duration.ofMinutes(3)))
                    .as("%s stopped by itself:\n%s", host, process.log())
                    .isIn(0, 143);
        }

        @Override
        public void close() {
            running.values().forEach(AppProcess::close);
        }
    }

    /**
     * A balancer over the web processes: round robin; a refused connection or a 503 with {@code Retry-After} sends
     * the request to the next process, as nginx's {@code proxy_next_upstream} would. Every other 5xx is a failure.
     */
    private static final class Site {

        private final List<AppProcess> webs = new CopyOnWriteArrayList<>();
        private final Map<AppProcess, Api> apis = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        final List<String> refusals = new CopyOnWriteArrayList<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();

        void add(AppProcess web) {
            apis.put(web, web.api());
            webs.add(web);
        }

        void remove(AppProcess web) {
            webs.remove(web);
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        /** What each web process in the balancer says it runs, in {@code X-MicroPosts-Version} (none before 0.2.0). */
        Set<String> versions() {
            return webs.stream()
                    .map(web -> Objects.requireNonNullElse(
                            apis.get(web).get("/actuator/health/readiness").header("X-MicroPosts-Version"), "none"))
                    .collect(Collectors.toSet());
        }

        int anyPort() {
            return webs.get(Math.floorMod(next.getAndIncrement(), webs.size())).port();
        }

        Api.Response send(String what, boolean idempotent, Function<Api, Api.Response> request) {
            for (int attempt = 0; attempt < 20; attempt++) {
                List<AppProcess> now = List.copyOf(webs);
                AppProcess web = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
                Api.Response response;
                try {
                    response = request.apply(apis.get(web));
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof ConnectException || idempotent) {
                        continue;
                    }
                    failures.add(what + ": " + e.getCause());
                    throw e;
                }
                if (response.status() == 503 && response.header("Retry-After") != null) {
                    refusals.add(what);
                    continue;
                }
                if (response.status() >= 500) {
                    failures.add(what + ": " + response);
                }
                return response;
            }
            throw new AssertionError("no web process took " + what);
        }

        Api.Response get(String path, String token) {
            return send("GET " + path, true, api -> api.get(path, token));
        }

        Api.User newUser(String prefix) {
            String username =
                    prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Api.Response registered = send(
                    "sign-up",
                    false,
                    api -> api.post(
                            "/api/v1/users", Map.of("username", username, "password", Api.STRONG_PASSWORD), null));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            return login(username);
        }

        private Api.User login(String username) {
            Api.Response token = send(
                    "log-in",
                    false,
                    api -> api.post(
                            "/api/v1/token", Map.of("username", username, "password", Api.STRONG_PASSWORD), null));
            assertThat(token.status()).as(token.body()).isEqualTo(200);
            return new Api.User(username, token.json().path("access_token").asString());
        }

        String upload(Api.User owner, Path video) {
            Api.Response upload = send(
                    "upload",
                    false,
                    api -> api.send(api.request("/api/v1/media", owner.token())
                            .header("Content-Type", "application/octet-stream")
                            .POST(publisher(video))));
            assertThat(upload.status()).as(upload.body()).isEqualTo(202);
            return upload.json().path("id").asString();
        }

        JsonNode awaitMediaReady(Api.User owner, String media) {
            JsonNode item = await("video " + media + " processed")
                    .atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> get("/api/v1/media/" + media, owner.token()).json(),
                            json -> !json.path("status").asString().equals("processing"));
            assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("ready");
            return item;
        }

        private static HttpRequest.BodyPublisher publisher(Path file) {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * People using the site: a reader with a live stream open, who follows every new author; journeys of sign-up,
     * follow, post, upload until ready and the post on the reader's stream and timeline, repeated while a step of
     * the upgrade runs. What they made is kept for the count at the end.
     */
    private static final class Usage {

        private final Site site;
        private final Path clip;
        final Map<Long, String> posts = new ConcurrentHashMap<>();
        final Set<String> follows = ConcurrentHashMap.newKeySet();
        final Set<String> media = ConcurrentHashMap.newKeySet();
        final AtomicInteger journeys = new AtomicInteger();
        private Api.User reader;
        LiveStream stream;

        Usage(Site site, Path clip) {
            this.site = site;
            this.clip = clip;
        }

        void begin() {
            reader = site.newUser("reader");
            stream = new LiveStream(site, reader);
            Api.User anchor = follow("anchor");
            long first = post(anchor, "the first post the reader's stream shows");
            awaitSeen(first);
        }

        long readerId(JdbcClient db) {
            return userId(db, reader.username());
        }

        /** Journeys one after another while {@code step} runs, and at least one after it finished. */
        void during(String step, Runnable work) {
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Void> people = CompletableFuture.runAsync(() -> {
                int count = 0;
                while (!done.get() || count == 0) {
                    journey(step + ", journey " + ++count);
                }
            });
            try {
                work.run();
            } finally {
                done.set(true);
            }
            people.join();
        }

        /** One journey; answers its video's id. */
        String journey(String when) {
            Api.User author = follow("author");
            long text = post(author, "written " + when);
            String video = site.upload(author, clip);
            long withVideo = postWith(author, "a video " + when, video);
            site.awaitMediaReady(author, video);
            awaitSeen(text);
            awaitSeen(withVideo);
            await("the reader's timeline")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        String timeline = site.get("/api/v1/me/timeline?limit=100", reader.token())
                                .body();
                        return timeline.contains("\"id\":" + text + ",")
                                && timeline.contains("\"id\":" + withVideo + ",");
                    });
            journeys.incrementAndGet();
            return video;
        }

        long postWith(Api.User author, String text, String video) {
            media.add(video);
            return create(author, Map.of("text", text, "media_ids", List.of(video)));
        }

        void end() {
            stream.close();
        }

        /** A new member, whom the reader follows. */
        Api.User follow(String prefix) {
            Api.User author = site.newUser(prefix);
            Api.Response followed = site.send(
                    "follow", true, api -> api.put("/api/v1/me/following/" + author.username(), null, reader.token()));
            assertThat(followed.status()).as(followed.body()).isEqualTo(204);
            follows.add(author.username());
            return author;
        }

        private long post(Api.User author, String text) {
            return create(author, Map.of("text", text));
        }

        private long create(Api.User author, Map<String, Object> body) {
            Api.Response created =
                    site.send("post", false, api -> api.post("/api/v1/me/collection", body, author.token()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            posts.put(id, (String) body.get("text"));
            return id;
        }

        void awaitSeen(long post) {
            await("post " + post + " on the reader's live stream")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> stream.events().stream().anyMatch(event -> shows(event, post)));
        }
    }

    /**
     * A browser's live stream: when the process serving it stops, it reconnects to another one with
     * {@code Last-Event-ID}, and carries on where it left off.
     */
    private static final class LiveStream implements AutoCloseable {

        private final List<SseClient.Event> earlier = new CopyOnWriteArrayList<>();
        private volatile SseClient current;
        private final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger reconnections = new AtomicInteger();
        private final Thread follower;

        LiveStream(Site site, Api.User reader) {
            current = SseClient.connect(site.anyPort(), reader.token());
            await().atMost(Duration.ofSeconds(30)).until(() -> current.status() == 200);
            follower = new Thread(
                    () -> {
                        while (!closed.get()) {
                            SseClient stream = current;
                            await().forever()
                                    .pollInterval(Duration.ofMillis(100))
                                    .until(() -> closed.get() || stream.ended() || stream.failure() != null);
                            if (closed.get()) {
                                return;
                            }
                            earlier.addAll(stream.events());
                            stream.close();
                            String last = earlier.get(earlier.size() - 1).id();
                            current = SseClient.resume(site.anyPort(), reader.token(), last);
                            reconnections.incrementAndGet();
                        }
                    },
                    "live-stream-follower");
            follower.setDaemon(true);
            follower.start();
        }

        List<SseClient.Event> events() {
            List<SseClient.Event> all = new ArrayList<>(earlier);
            all.addAll(current.events());
            return all;
        }

        @Override
        public void close() {
            closed.set(true);
            try {
                follower.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            current.close();
        }
    }
}
