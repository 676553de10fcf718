package dev.microposts.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Replies and threads, likes and reposts through the API, and what it refuses of them. */
class ConversationApiTest extends ApiTest {

    @Test
    void aReplyLinksToItsPostAndTheThreadReadsBothWays() {
        Api.User ann = api.newUser("ann");
        Api.User ben = api.newUser("ben");
        long root = api.newPost(ann, "what is the best ferry?");
        String rootHref = href(ann, root);

        Api.Response reply =
                api.post("/api/v1/me/collection", Map.of("text", "the night one", "in_reply_to", root), ben.token());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("in_reply_to").asString()).isEqualTo(rootHref);
        long first = reply.json().get("id").asLong();
        // the href the API gave is as good as the id
        Api.Response deeper = api.post(
                "/api/v1/me/collection",
                Map.of(
                        "text",
                        "why that one?",
                        "in_reply_to",
                        reply.json().get("href").asString()),
                ann.token());
        assertThat(deeper.status()).as(deeper.toString()).isEqualTo(201);
        long second = deeper.json().get("id").asLong();
        long third = api.newPost(ann, "not a reply");
        assertThat(api.get(href(ann, third)).json().get("in_reply_to").isNull()).isTrue();

        Api.Response ancestors = api.get(href(ann, second) + "/ancestors");
        assertThat(ancestors.status()).as(ancestors.toString()).isEqualTo(200);
        assertThat(ids(ancestors.json())).containsExactly(root, first);
        assertThat(ids(api.get(rootHref + "/ancestors").json())).isEmpty();

        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/me/collection", Map.of("text", "me too " + i, "in_reply_to", root), ben.token());
        }
        Api.Response page = api.get(rootHref + "/replies?limit=2");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json()).hasSize(2);
        List<Long> all = new ArrayList<>(ids(page.json()));
        String next = page.nextLink();
        while (next != null) {
            Api.Response more = api.get(next);
            all.addAll(ids(more.json()));
            next = more.nextLink();
        }
        assertThat(all).hasSize(4).endsWith(first).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(ann).contains("replied"));
        JsonNode told = notifications(ann).get(kinds(ann).indexOf("replied"));
        assertThat(told.path("actor").asString()).isEqualTo(ben.username());
        assertThat(told.path("post").asString()).startsWith(href(ben, 0).replace("/0", "/"));
    }

    @Test
    void aReplyToAPostThatIsNotThereOrAnInvalidOneIsRefusedClearly() {
        Api.User cat = api.newUser("cat");
        long gone = api.newPost(cat, "soon gone");
        assertThat(api.delete(href(cat, gone), cat.token()).status()).isEqualTo(204);

        for (Object missing : List.of(gone, 999_999_999_999L)) {
            Api.Response refused =
                    api.post("/api/v1/me/collection", Map.of("text", "hello?", "in_reply_to", missing), cat.token());
            // why: 400 with the field named, as for a mention of nobody: the API's one answer to input it cannot take
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("in_reply_to");
            assertThat(refused.json().path("detail").asString()).contains("no post " + missing);
        }
        for (Object invalid : List.of("abc", -4, 0, 1.5, "99999999999999999999999", Map.of("id", 1))) {
            Api.Response refused =
                    api.post("/api/v1/me/collection", Map.of("text", "hello?", "in_reply_to", invalid), cat.token());
            assertThat(refused.status()).as("%s: %s", invalid, refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        Api.Response hugeReplies =
                api.get("/api/v1/users/" + cat.username() + "/collection/99999999999999999999/replies");
        assertThat(hugeReplies.status()).isEqualTo(400);
        assertThat(hugeReplies.contentType()).startsWith("application/problem+json");
    }

    @Test
    void likesAndRepostsAreIdempotentCountedAndToldToTheAuthor() {
        Api.User dee = api.newUser("dee");
        Api.User eli = api.newUser("eli");
        long post = api.newPost(dee, "like me");
        String href = href(dee, post);

        for (int i = 0; i < 2; i++) {
            assertThat(api.put(href + "/like", null, eli.token()).status()).isEqualTo(204);
            assertThat(api.put(href + "/repost", null, eli.token()).status()).isEqualTo(204);
        }
        assertThat(api.put(href + "/like", null, dee.token()).status()).isEqualTo(204);
        JsonNode asEli = api.get(href, eli.token()).json();
        assertThat(asEli.get("likes").asLong()).isEqualTo(2);
        assertThat(asEli.get("reposts").asLong()).isEqualTo(1);
        assertThat(asEli.get("liked").asBoolean()).isTrue();
        assertThat(asEli.get("reposted").asBoolean()).isTrue();
        JsonNode asDee = api.get(href, dee.token()).json();
        assertThat(asDee.get("liked").asBoolean()).isTrue();
        assertThat(asDee.get("reposted").asBoolean()).isFalse();
        JsonNode anonymous = api.get(href).json();
        assertThat(anonymous.get("likes").asLong()).isEqualTo(2);
        assertThat(anonymous.get("liked").isNull()).isTrue();
        // the counts show in lists too
        assertThat(api.get("/api/v1/users/" + dee.username() + "/collection")
                        .json()
                        .get(0)
                        .get("likes")
                        .asLong())
                .isEqualTo(2);

        // one notification each, none for liking one's own post
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(dee).containsAll(List.of("liked", "reposted")));
        assertThat(kinds(dee)).containsOnlyOnce("liked", "reposted");
        JsonNode liked = notifications(dee).get(kinds(dee).indexOf("liked"));
        assertThat(liked.path("actor").asString()).isEqualTo(eli.username());
        assertThat(liked.path("post").asString()).isEqualTo(href);

        for (int i = 0; i < 2; i++) {
            assertThat(api.delete(href + "/like", eli.token()).status()).isEqualTo(204);
            assertThat(api.delete(href + "/repost", eli.token()).status()).isEqualTo(204);
        }
        asEli = api.get(href, eli.token()).json();
        assertThat(asEli.get("likes").asLong()).isEqualTo(1);
        assertThat(asEli.get("reposts").asLong()).isZero();
        assertThat(asEli.get("liked").asBoolean()).isFalse();
    }

    @Test
    void likingWhatIsNotThereIsRefusedClearly() {
        Api.User fay = api.newUser("fay");
        long post = api.newPost(fay, "short-lived");
        String href = href(fay, post);
        assertThat(api.delete(href, fay.token()).status()).isEqualTo(204);

        for (String path : List.of(href + "/like", href + "/repost")) {
            Api.Response refused = api.put(path, null, fay.token());
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(api.delete(path, fay.token()).status()).as(path).isEqualTo(404);
        }
        Api.Response huge =
                api.put("/api/v1/users/" + fay.username() + "/collection/99999999999999999999/like", null, fay.token());
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.contentType()).startsWith("application/problem+json");
        Api.Response notANumber =
                api.put("/api/v1/users/" + fay.username() + "/collection/abc/like", null, fay.token());
        assertThat(notANumber.status()).isEqualTo(400);
        Api.Response anonymous = api.put("/api/v1/users/" + fay.username() + "/collection/1/like", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void manyLikesAtOnceLeaveTheExactCount() throws Exception {
        Api.User star = api.newUser("gil");
        long post = api.newPost(star, "everyone at once");
        String href = href(star, post);
        List<Api.User> fans = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            fans.add(api.newUser("fan"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (Api.User fan : fans) {
                for (int twice = 0; twice < 2; twice++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return api.put(href + "/like", null, fan.token()).status();
                    }));
                }
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get(href).json().get("likes").asLong()).isEqualTo(fans.size());
    }

    private String href(Api.User author, long id) {
        return api.base() + "/api/v1/users/" + author.username() + "/collection/" + id;
    }

    private JsonNode notifications(Api.User user) {
        return api.get("/api/v1/me/notifications", user.token()).json();
    }

    private List<String> kinds(Api.User user) {
        return notifications(user)
                .valueStream()
                .map(n -> n.path("kind").asString())
                .toList();
    }

    private static List<Long> ids(JsonNode posts) {
        return posts.valueStream().map(p -> p.path("id").asLong()).toList();
    }
}
