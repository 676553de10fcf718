package dev.microposts.posts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A post's likes and reposts are read from {@code post_counts}, which triggers keep (V31). Whatever adds or removes a
 * like or a repost (a person, a storm of people changing their minds, a deleted account's cascade, a transaction
 * that rolls back, the migration's backfill of older marks), the figures a post shows equal its rows in
 * {@code likes} and {@code reposts}.
 */
class PostCountsTest extends ApiTest {

    private static final Path MIGRATION = Path.of("src/main/resources/db/migration/V31__post_counts.sql");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PostCountFolding folding;

    @Test
    void peopleLikingAndUnlikingAtOnceLeaveTheCountsTheRowsHave() throws Exception {
        Api.User star = api.newUser("star");
        long post = api.newPost(star, "like it, then change your mind");
        String href = href(star, post);
        List<Api.User> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(api.newUser("fan"));
        }
        Random random = new Random(post);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        AtomicBoolean storming = new AtomicBoolean(true);
        // why: the fold runs all through the storm, taking in the shards that are not being written right then
        ExecutorService folder = Executors.newSingleThreadExecutor();
        Future<Integer> folds = folder.submit(() -> {
            int runs = 0;
            while (storming.get()) {
                folding.fold(0);
                runs++;
            }
            return runs;
        });
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Api.User person : people) {
                for (int i = 0; i < 6; i++) {
                    String path = href + (random.nextBoolean() ? "/like" : "/repost");
                    boolean undo = random.nextInt(3) == 0;
                    answers.add(pool.submit(() ->
                            (undo ? api.delete(path, person.token()) : api.put(path, null, person.token())).status()));
                }
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
        } finally {
            storming.set(false);
            pool.shutdownNow();
            folder.shutdown();
        }
        assertThat(folds.get()).isPositive();

        assertThat(shown(href)).isEqualTo(rows(post)).isNotEqualTo(List.of(0L, 0L));
        foldAll();
        assertThat(shown(href)).isEqualTo(rows(post));
        assertThat(counterRows(post)).isEqualTo(1);
    }

    @Test
    void aQuietPostsShardsAreFoldedIntoOneRowAndTakingAMarkBackStillCounts() {
        Api.User star = api.newUser("star");
        long post = api.newPost(star, "liked by many, then by fewer");
        String href = href(star, post);
        List<Api.User> fans = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api.User fan = api.newUser("fan");
            fans.add(fan);
            assertThat(api.put(href + "/like", null, fan.token()).status()).isEqualTo(204);
            if (i % 2 == 0) {
                assertThat(api.put(href + "/repost", null, fan.token()).status())
                        .isEqualTo(204);
            }
        }
        assertThat(counterRows(post)).as("spread over shards").isGreaterThan(1);

        folding.fold(3600);
        assertThat(counterRows(post)).as("not quiet for an hour: left as it is").isGreaterThan(1);

        foldAll();
        assertThat(counterRows(post)).isEqualTo(1);
        assertThat(shown(href)).containsExactly(20L, 10L);

        // why: the shards these people's likes were counted in are gone; taking a like back must still count
        for (Api.User fan : fans.subList(0, 10)) {
            assertThat(api.delete(href + "/like", fan.token()).status()).isEqualTo(204);
            assertThat(api.delete(href + "/repost", fan.token()).status()).isEqualTo(204);
        }
        assertThat(shown(href)).containsExactly(10L, 5L).isEqualTo(rows(post));
        foldAll();
        assertThat(counterRows(post)).isEqualTo(1);
        assertThat(shown(href)).containsExactly(10L, 5L);

        for (Api.User fan : fans.subList(10, 20)) {
            assertThat(api.delete(href + "/like", fan.token()).status()).isEqualTo(204);
            assertThat(api.delete(href + "/repost", fan.token()).status()).isEqualTo(204);
        }
        foldAll();
        assertThat(shown(href)).containsExactly(0L, 0L);
        assertThat(counterRows(post)).as("nothing left to count").isZero();
    }

    @Test
    void aLikedPostWhoseCountsWereFoldedCanBeDeleted() {
        Api.User star = api.newUser("star");
        long post = api.newPost(star, "liked, folded, deleted");
        String href = href(star, post);
        Api.User fan = api.newUser("fan");
        assertThat(api.put(href + "/like", null, fan.token()).status()).isEqualTo(204);
        foldAll();

        Api.Response deleted = api.delete(href, star.token());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get(href).status()).isEqualTo(404);
        assertThat(counterRows(post)).isZero();
        assertThat(rows(post)).containsExactly(0L, 0L);
    }

    @Test
    void aDeletedAccountsLikesAndRepostsLeaveTheCounts() {
        Api.User star = api.newUser("star");
        long post = api.newPost(star, "liked by someone about to leave");
        String href = href(star, post);
        Api.User stays = api.newUser("stays");
        Api.User leaves = api.newUser("leaves");
        for (Api.User person : List.of(stays, leaves)) {
            assertThat(api.put(href + "/like", null, person.token()).status()).isEqualTo(204);
            assertThat(api.put(href + "/repost", null, person.token()).status()).isEqualTo(204);
        }
        assertThat(shown(href)).containsExactly(2L, 2L);
        foldAll();

        Api.Response deleted = api.send(api.request("/api/v1/me", leaves.token())
                .header("Content-Type", "application/json")
                .method(
                        "DELETE",
                        HttpRequest.BodyPublishers.ofString("{\"password\": \"" + Api.STRONG_PASSWORD + "\"}")));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(shown(href)).containsExactly(1L, 1L));
        assertThat(rows(post)).containsExactly(1L, 1L);
    }

    @Test
    void aLikeWhoseTransactionRollsBackIsNotCounted() {
        Api.User star = api.newUser("star");
        long post = api.newPost(star, "almost liked");
        long fan = userId(api.newUser("fan"));

        transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into likes (post_id, user_id) values (?, ?)")
                    .params(post, fan)
                    .update();
            status.setRollbackOnly();
        });

        assertThat(shown(href(star, post))).containsExactly(0L, 0L);
        assertThat(jdbc.sql("select count(*) from post_counts where post_id = ?")
                        .param(post)
                        .query(Long.class)
                        .single())
                .as("no counter row for a post nobody marked")
                .isZero();
    }

    @Test
    void theMigrationCountsTheMarksMadeBeforeIt() throws Exception {
        Api.User star = api.newUser("star");
        long post = api.newPost(star, "liked before the counts were kept");
        String href = href(star, post);
        for (int i = 0; i < 5; i++) {
            Api.User fan = api.newUser("fan");
            assertThat(api.put(href + "/like", null, fan.token()).status()).isEqualTo(204);
            if (i % 2 == 0) {
                assertThat(api.put(href + "/repost", null, fan.token()).status())
                        .isEqualTo(204);
            }
        }
        jdbc.sql("delete from post_counts where post_id = ?").param(post).update();
        assertThat(shown(href)).containsExactly(0L, 0L);

        String sql = Files.readString(MIGRATION);
        String backfill = sql.substring(sql.indexOf("insert into post_counts (post_id, shard, likes, reposts)"));
        jdbc.sql(backfill.replace("from likes", "from likes where post_id = :post")
                        .replace("from reposts", "from reposts where post_id = :post")
                        .replace(";", ""))
                .param("post", post)
                .update();

        assertThat(shown(href)).containsExactly(5L, 3L);
        assertThat(rows(post)).containsExactly(5L, 3L);
    }

    /** Folds every post whose counts are spread, as the leader does once they are quiet. */
    private void foldAll() {
        for (int i = 0; i < 100 && folding.fold(0) > 0; i++) {
            // why: other tests' posts may fill a batch first
        }
    }

    private long counterRows(long post) {
        return jdbc.sql("select count(*) from post_counts where post_id = ?")
                .param(post)
                .query(Long.class)
                .single();
    }

    private String href(Api.User author, long id) {
        return "/api/v1/users/" + author.username() + "/collection/" + id;
    }

    /** The post's likes and reposts, as the API shows them. */
    private List<Long> shown(String href) {
        var post = api.get(href).json();
        return List.of(post.get("likes").asLong(), post.get("reposts").asLong());
    }

    /** The post's rows in likes and reposts. */
    private List<Long> rows(long post) {
        return List.of(
                jdbc.sql("select count(*) from likes where post_id = ?")
                        .param(post)
                        .query(Long.class)
                        .single(),
                jdbc.sql("select count(*) from reposts where post_id = ?")
                        .param(post)
                        .query(Long.class)
                        .single());
    }

    private long userId(Api.User user) {
        return jdbc.sql("select id from users where username = ?")
                .param(user.username())
                .query(Long.class)
                .single();
    }
}
