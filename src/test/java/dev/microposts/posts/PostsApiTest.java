package dev.microposts.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PostsApiTest extends ApiTest {

    @Test
    void everyMePathIsTheSignedInUsersOwnResource() {
        Api.User ida = api.newUser("ida");
        Api.User jon = api.newUser("jon");
        long id = api.newPost(ida, "mine, read through /me");
        assertThat(api.put("/api/v1/me/following/" + jon.username(), "", ida.token())
                        .status())
                .isEqualTo(204);
        String href = api.base() + "/api/v1/users/" + ida.username() + "/collection/" + id;

        Api.Response collection = api.get("/api/v1/me/collection", ida.token());
        assertThat(collection.status()).as(collection.toString()).isEqualTo(200);
        assertThat(collection.json().findValuesAsString("href")).containsExactly(href);
        Api.Response one = api.get("/api/v1/me/collection/" + id, ida.token());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().get("href").asString()).isEqualTo(href);
        Api.Response replaced =
                api.put("/api/v1/me/collection/" + id, Map.of("text", "replaced through /me"), ida.token());
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(api.get(href).json().get("text").asString()).isEqualTo("replaced through /me");

        Api.Response notJons = api.get("/api/v1/me/collection/" + id, jon.token());
        assertThat(notJons.status()).isEqualTo(404);
        assertThat(notJons.json().get("detail").asString())
                .isEqualTo("User '" + jon.username() + "' has no post " + id);

        assertThat(api.get("/api/v1/me/following", ida.token()).json().findValuesAsString("username"))
                .containsExactly(jon.username());
        assertThat(api.get("/api/v1/me/followers", jon.token()).json().findValuesAsString("href"))
                .containsExactly(api.base() + "/api/v1/users/" + ida.username());

        for (String path : List.of("/api/v1/me/collection", "/api/v1/me/followers", "/api/v1/me/following")) {
            Api.Response anonymous = api.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void createsReadsEditsAndDeletesAPostWithTheBooksFields() {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");

        Api.Response created = api.post(
                "/api/v1/users/" + alice.username() + "/collection",
                Map.of("text", "Hello @bob", "referenced", bob.username()),
                alice.token());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode post = created.json();
        assertThat(post.propertyNames()).contains("href", "id", "text", "referenced", "timestamp", "user");
        assertThat(post.get("user").asString()).isEqualTo(alice.username());
        assertThat(post.get("referenced").asString()).isEqualTo(bob.username());
        assertThat(post.get("edited_at").isNull()).isTrue();
        assertThat(created.header("Location")).isEqualTo(post.get("href").asString());

        // read by its author, as it was written: liked and reposted are the reader's own
        Api.Response read = api.get(post.get("href").asString(), alice.token());
        assertThat(read.json()).isEqualTo(post);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        Api.Response replaced = api.put(post.get("href").asString(), Map.of("text", "Hello everyone"), alice.token());
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("text").asString()).isEqualTo("Hello everyone");
        assertThat(replaced.json().get("referenced").isNull()).isTrue();
        assertThat(replaced.json().get("edited_at").isNull()).isFalse();
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");

        assertThat(api.delete(post.get("href").asString(), alice.token()).status())
                .isEqualTo(204);
        assertThat(api.get(post.get("href").asString()).status()).isEqualTo(404);
    }

    @Test
    void theMeCollectionAndTheUnversionedPathsAreTheSameResources() {
        Api.User carol = api.newUser("carol");
        long id = api.newPost(carol, "via /me");

        JsonNode viaMe = api.get("/api/v1/me/collection/" + id, carol.token()).json();
        JsonNode unversioned = api.get("/api/users/" + carol.username() + "/collection/" + id, carol.token())
                .json();
        JsonNode listed = api.get("/api/me/collection", carol.token()).json();

        assertThat(viaMe).isEqualTo(unversioned);
        assertThat(listed.get(0)).isEqualTo(viaMe);
        assertThat(api.patch("/api/me/collection/" + id, Map.of("text", "edited"), carol.token())
                        .json()
                        .get("text")
                        .asString())
                .isEqualTo("edited");
    }

    @Test
    void onlyTheAuthorMayChangeAPost() {
        Api.User owner = api.newUser("owner");
        Api.User other = api.newUser("other");
        long id = api.newPost(owner, "mine");
        String path = "/api/v1/users/" + owner.username() + "/collection/" + id;

        assertThat(api.put(path, Map.of("text", "yours now"), other.token()).status())
                .isEqualTo(403);
        assertThat(api.patch(path, Map.of("text", "yours now"), other.token()).status())
                .isEqualTo(403);
        assertThat(api.delete(path, other.token()).status()).isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/users/" + owner.username() + "/collection",
                                Map.of("text", "as you"),
                                other.token())
                        .status())
                .isEqualTo(403);
        assertThat(api.get(path).json().get("text").asString()).isEqualTo("mine");
    }

    @Test
    void unknownUsersAndPostsAre404() {
        Api.User dave = api.newUser("dave");
        Api.User erin = api.newUser("erin");
        long id = api.newPost(dave, "dave's");

        assertThat(api.get("/api/v1/users/nosuchuser42/collection").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/" + dave.username() + "/collection/999999999")
                        .status())
                .isEqualTo(404);
        // a post exists only in its author's collection
        assertThat(api.get("/api/v1/users/" + erin.username() + "/collection/" + id)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void textLengthIsCountedInCharactersNotBytes() {
        Api.User frank = api.newUser("frank");
        String emoji = "🎬".repeat(500);

        assertThat(api.post("/api/v1/me/collection", Map.of("text", emoji), frank.token())
                        .status())
                .isEqualTo(201);

        Api.Response tooLong = api.post("/api/v1/me/collection", Map.of("text", "é".repeat(501)), frank.token());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("message").asString())
                .contains("at most 500");
        assertThat(api.post("/api/v1/me/collection", Map.of("text", "   "), frank.token())
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/me/collection", "{}", frank.token()).status())
                .isEqualTo(400);
    }

    @Test
    void textThatPostgresCannotStoreIsRefusedNotCrashedOn() {
        Api.User gina = api.newUser("gina");

        Api.Response nul = api.post("/api/v1/me/collection", "{\"text\": \"a\\u0000b\"}", gina.token());
        Api.Response loneSurrogate = api.post("/api/v1/me/collection", "{\"text\": \"a\\ud800b\"}", gina.token());

        assertThat(nul.status()).isEqualTo(400);
        assertThat(loneSurrogate.status()).isEqualTo(400);
    }

    @Test
    void sqlAndScriptLookingTextIsStoredAndReturnedVerbatim() {
        Api.User hal = api.newUser("hal");
        List<String> hostile = List.of(
                "'; DROP TABLE posts; --",
                "<script>alert(document.cookie)</script>",
                "\" onmouseover=\"alert(1)",
                "Robert'); DELETE FROM users WHERE ('1'='1",
                "{{7*7}} ${7*7} #{7*7}",
                "line one\nline two\ttabbed \\ backslash");

        for (String text : hostile) {
            Api.Response created = api.post("/api/v1/me/collection", Map.of("text", text), hal.token());
            assertThat(created.status()).isEqualTo(201);
            assertThat(api.get(created.json().get("href").asString())
                            .json()
                            .get("text")
                            .asString())
                    .isEqualTo(text);
        }
        assertThat(api.get("/api/v1/users/" + hal.username() + "/collection").json())
                .hasSize(hostile.size());
    }

    @Test
    void referencingAnUnknownUserIsAFieldError() {
        Api.User ivy = api.newUser("ivy");

        Api.Response response =
                api.post("/api/v1/me/collection", Map.of("text", "hi", "referenced", "nobody_at_all"), ivy.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("referenced");
    }

    @Test
    void patchChangesOnlyTheFieldsItNames() {
        Api.User jack = api.newUser("jack");
        Api.User kim = api.newUser("kim");
        long id = api.newPost(jack, "original");
        String path = "/api/v1/me/collection/" + id;

        api.patch(path, Map.of("referenced", kim.username()), jack.token());
        JsonNode afterReference = api.get(path, jack.token()).json();
        assertThat(afterReference.get("text").asString()).isEqualTo("original");
        assertThat(afterReference.get("referenced").asString()).isEqualTo(kim.username());

        Map<String, Object> clear = new HashMap<>();
        clear.put("referenced", null);
        JsonNode cleared = api.patch(path, clear, jack.token()).json();
        assertThat(cleared.get("referenced").isNull()).isTrue();
        assertThat(cleared.get("text").asString()).isEqualTo("original");

        assertThat(api.patch(path, Map.of("user", "someone_else"), jack.token()).status())
                .isEqualTo(400);
        assertThat(api.patch(path, "[1, 2]", jack.token()).status()).isEqualTo(400);
    }

    @Test
    void ifMatchRefusesAnEditBasedOnAStaleRead() {
        Api.User lea = api.newUser("lea");
        long id = api.newPost(lea, "v1");
        String path = "/api/v1/me/collection/" + id;
        String etag = api.get(path, lea.token()).header("ETag");

        Api.Response first = api.send(ifMatch(path, lea, etag, "{\"text\": \"v2\"}"));
        Api.Response stale = api.send(ifMatch(path, lea, etag, "{\"text\": \"v2 from another tab\"}"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get(path, lea.token()).json().get("text").asString()).isEqualTo("v2");
    }

    @Test
    void concurrentEditsDoNotLoseData() throws Exception {
        Api.User max = api.newUser("max");
        Api.User ned = api.newUser("ned");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // edits of different fields, all at once: every one of them survives
            for (int round = 0; round < 10; round++) {
                long id = api.newPost(max, "round " + round);
                String path = "/api/v1/me/collection/" + id;
                String text = "text of round " + round;
                List<Future<Api.Response>> edits = runTogether(
                        pool,
                        () -> api.patch(path, Map.of("text", text), max.token()),
                        () -> api.patch(path, Map.of("referenced", ned.username()), max.token()));
                for (Future<Api.Response> edit : edits) {
                    assertThat(edit.get().status()).isEqualTo(200);
                }
                JsonNode result = api.get(path, max.token()).json();
                assertThat(result.get("text").asString()).isEqualTo(text);
                assertThat(result.get("referenced").asString()).isEqualTo(ned.username());
            }

            // replacements based on the same read: exactly one wins, the others are told to re-read
            long id = api.newPost(max, "contested");
            String path = "/api/v1/me/collection/" + id;
            String etag = api.get(path, max.token()).header("ETag");
            List<Callable<Api.Response>> writers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "{\"text\": \"writer " + i + "\"}";
                writers.add(() -> api.send(ifMatch(path, max, etag, body)));
            }
            List<Integer> statuses = new ArrayList<>();
            @SuppressWarnings("unchecked")
            Callable<Api.Response>[] tasks = writers.toArray(Callable[]::new);
            for (Future<Api.Response> reply : runTogether(pool, tasks)) {
                statuses.add(reply.get().status());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pagesFollowTheLinkHeaderWithoutDriftingWhenNewPostsArrive() {
        Api.User olga = api.newUser("olga");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(api.newPost(olga, "post " + i));
        }

        Api.Response first = api.get("/api/v1/users/" + olga.username() + "/collection?limit=3");
        assertThat(first.json().findValues("id").stream().map(JsonNode::asLong))
                .containsExactly(ids.get(6), ids.get(5), ids.get(4));
        api.newPost(olga, "arrived while paging");

        Api.Response second = api.get(first.nextLink());
        Api.Response third = api.get(second.nextLink());

        assertThat(second.json().findValues("id").stream().map(JsonNode::asLong))
                .containsExactly(ids.get(3), ids.get(2), ids.get(1));
        assertThat(third.json().findValues("id").stream().map(JsonNode::asLong)).containsExactly(ids.get(0));
        assertThat(third.nextLink()).isNull();
        assertThat(api.get("/api/v1/users/" + olga.username() + "/collection").json())
                .hasSize(8);
    }

    @Test
    void searchFindsPostsByTheirWords() {
        Api.User pat = api.newUser("pat");
        String word = "zyzzyva" + System.nanoTime();
        long match = api.newPost(pat, "Spotted a " + word + " in the garden");
        api.newPost(pat, "Nothing to see here");

        Api.Response found = api.get("/api/v1/search/posts?q=" + word);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().findValues("id").stream().map(JsonNode::asLong)).containsExactly(match);
        assertThat(api.get("/api/search/posts?q=" + word).json()).hasSize(1);
        assertThat(api.get("/api/v1/search/posts?q=%27%3B+drop+table+posts%3B--")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/search/posts?q=").status()).isEqualTo(400);
    }

    private HttpRequest.Builder ifMatch(String path, Api.User user, String etag, String body) {
        return api.request(path, user.token())
                .header("Content-Type", "application/json")
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    @SafeVarargs
    private static <T> List<Future<T>> runTogether(ExecutorService pool, Callable<T>... tasks)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        return futures;
    }
}
