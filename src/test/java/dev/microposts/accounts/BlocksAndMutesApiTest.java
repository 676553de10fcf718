package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Blocks and mutes end to end: what a block ends (follows, both ways) and refuses (follows again), what both hide
 * (timelines, search, collections, notifications, live streams) and from whom, and that lifting them brings
 * visibility back but no follow.
 */
class BlocksAndMutesApiTest extends ApiTest {

    private static final Duration SETTLED = Duration.ofSeconds(20);

    @Test
    void aBlockEndsTheFollowsBothWaysAndTheirPostsLeaveBothTimelines() {
        Api.User ann = api.newUser("ann");
        Api.User bob = api.newUser("bob");
        follow(ann, bob);
        follow(bob, ann);
        long annsPost = api.newPost(ann, "from ann");
        long bobsPost = api.newPost(bob, "from bob");
        await().atMost(SETTLED)
                .until(() -> timeline(ann).contains(bobsPost) && timeline(bob).contains(annsPost));

        assertThat(api.put("/api/v1/me/blocks/" + bob.username(), null, ann.token())
                        .status())
                .isEqualTo(204);

        await().atMost(SETTLED).untilAsserted(() -> {
            assertThat(following(ann)).isEmpty();
            assertThat(following(bob)).isEmpty();
        });
        await().atMost(SETTLED).untilAsserted(() -> {
            assertThat(timeline(ann)).containsExactly(annsPost);
            assertThat(timeline(bob)).containsExactly(bobsPost);
        });
        assertThat(api.get("/api/v1/me/blocks", ann.token()).json().findValuesAsString("username"))
                .containsExactly(bob.username());
        assertThat(api.get("/api/v1/me/blocks", bob.token()).json())
                .as("being blocked is not blocking")
                .isEmpty();
    }

    @Test
    void nobodyFollowsAcrossABlockUntilItIsLiftedAndNoFollowComesBackByItself() {
        Api.User cat = api.newUser("cat");
        Api.User dan = api.newUser("dan");
        follow(dan, cat);
        api.put("/api/v1/me/blocks/" + dan.username(), null, cat.token());

        Api.Response refused = api.put("/api/v1/me/following/" + cat.username(), null, dan.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains("blocked");
        assertThat(api.put("/api/v1/me/following/" + dan.username(), null, cat.token())
                        .status())
                .as("the one who blocked cannot follow either")
                .isEqualTo(403);

        assertThat(api.delete("/api/v1/me/blocks/" + dan.username(), cat.token())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/me/blocks", cat.token()).json()).isEmpty();
        await().atMost(SETTLED).untilAsserted(() -> assertThat(following(dan)).isEmpty());
        assertThat(api.put("/api/v1/me/following/" + cat.username(), null, dan.token())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aBlockHidesEachFromTheOthersSearchCollectionPostsAndNotifications() {
        Api.User eve = api.newUser("eve");
        Api.User fox = api.newUser("fox");
        Api.User gil = api.newUser("gil");
        String word = "w" + Long.toHexString(System.nanoTime());
        long evesPost = api.newPost(eve, "eve says " + word + " #" + word);
        long foxsPost = api.newPost(fox, "fox says " + word + " #" + word);
        follow(fox, eve);
        await().atMost(SETTLED).until(() -> actors(eve).contains(fox.username()));
        api.put("/api/v1/me/blocks/" + fox.username(), null, eve.token());
        assertThat(actors(eve)).as("told before the block, not shown after it").isEmpty();

        assertThat(searched(eve, word)).containsExactly(evesPost);
        assertThat(searched(fox, word)).as("hidden from the one blocked too").containsExactly(foxsPost);
        assertThat(searched(gil, word)).containsExactly(foxsPost, evesPost);
        assertThat(ids(api.get("/api/v1/tags/" + word + "/posts", eve.token()).json()))
                .containsExactly(evesPost);
        assertThat(ids(api.get("/api/v1/tags/" + word + "/posts").json())).containsExactly(foxsPost, evesPost);
        assertThat(api.get("/api/v1/users/" + eve.username() + "/collection", fox.token())
                        .json())
                .isEmpty();
        assertThat(api.get("/api/v1/users/" + eve.username() + "/collection/" + evesPost, fox.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/users/" + eve.username() + "/collection/" + evesPost)
                        .status())
                .as("what anyone may read stays public")
                .isEqualTo(200);

        api.newPost(fox, "hey @" + eve.username());
        api.newPost(gil, "hey @" + eve.username());
        await().atMost(SETTLED).until(() -> actors(eve).contains(gil.username()));
        assertThat(actors(eve)).containsExactly(gil.username());
        assertThat(api.get("/api/v1/me/notifications/unread-count", eve.token())
                        .json()
                        .get("unread")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aMuteHidesThePostsAndNotificationsFromTheMuterOnlyAndKeepsTheFollows() {
        Api.User hal = api.newUser("hal");
        Api.User ivy = api.newUser("ivy");
        Api.User jay = api.newUser("jay");
        follow(hal, ivy);
        follow(hal, jay);
        follow(ivy, hal);
        long ivysOld = api.newPost(ivy, "before the mute");
        await().atMost(SETTLED).until(() -> timeline(hal).contains(ivysOld));

        assertThat(api.put("/api/v1/me/mutes/" + ivy.username(), null, hal.token())
                        .status())
                .isEqualTo(204);
        assertThat(timeline(hal)).doesNotContain(ivysOld);
        long ivysNew = api.newPost(ivy, "after the mute, @" + hal.username());
        long jaysNew = api.newPost(jay, "from jay, @" + hal.username());
        long halsNew = api.newPost(hal, "hal still speaks");

        await().atMost(SETTLED).until(() -> timeline(hal).contains(jaysNew));
        await().atMost(SETTLED).until(() -> actors(hal).contains(jay.username()));
        assertThat(timeline(hal)).doesNotContain(ivysOld, ivysNew);
        assertThat(actors(hal)).doesNotContain(ivy.username());
        assertThat(following(hal)).contains(ivy.username());
        await().atMost(SETTLED).until(() -> timeline(ivy).contains(halsNew));
        assertThat(
                        api
                                .get("/api/v1/users/" + ivy.username() + "/collection", hal.token())
                                .json()
                                .findValues("id")
                                .stream()
                                .map(JsonNode::asLong))
                .as("a muted person's own collection stays readable to the muter")
                .contains(ivysNew);
        assertThat(api.get("/api/v1/me/mutes", hal.token()).json().findValuesAsString("username"))
                .containsExactly(ivy.username());

        assertThat(api.delete("/api/v1/me/mutes/" + ivy.username(), hal.token()).status())
                .isEqualTo(204);
        await().atMost(SETTLED).untilAsserted(() -> assertThat(timeline(hal)).contains(ivysNew, ivysOld));
    }

    @Test
    void aMutedOrBlockedAuthorsPostReachesNoStreamOfTheOneHidingThem() {
        Api.User kim = api.newUser("kim");
        Api.User lee = api.newUser("lee");
        Api.User max = api.newUser("max");
        follow(kim, lee);
        follow(kim, max);
        follow(max, lee);
        api.put("/api/v1/me/mutes/" + lee.username(), null, kim.token());
        try (SseClient kims = SseClient.connect(port, kim.token());
                SseClient maxs = SseClient.connect(port, max.token())) {
            long muted = api.newPost(lee, "kim will not see this live");
            long shown = api.newPost(max, "kim sees this live");

            await().atMost(SETTLED).until(() -> sent(kims, shown) && sent(maxs, muted));
            assertThat(sent(kims, muted)).isFalse();
        }
    }

    @Test
    void threadsLeaveOutHiddenRepliesAndNobodyRepliesLikesOrRepostsAcrossABlock() {
        Api.User uma = api.newUser("uma");
        Api.User vic = api.newUser("vic");
        Api.User wes = api.newUser("wes");
        Api.User xan = api.newUser("xan");
        long root = api.newPost(uma, "what a day");
        long vicsReply = reply(vic, root, "indeed");
        long wesReply = reply(wes, root, "quite");
        api.put("/api/v1/me/blocks/" + vic.username(), null, xan.token());
        api.put("/api/v1/me/mutes/" + wes.username(), null, xan.token());
        String replies = "/api/v1/users/" + uma.username() + "/collection/" + root + "/replies";

        assertThat(ids(api.get(replies, xan.token()).json())).isEmpty();
        assertThat(ids(api.get(replies, uma.token()).json())).containsExactly(wesReply, vicsReply);

        long xansPost = api.newPost(xan, "xan's own");
        String xans = "/api/v1/users/" + xan.username() + "/collection/" + xansPost;
        Api.Response refused =
                api.post("/api/v1/me/collection", Map.of("text", "let me in", "in_reply_to", xansPost), vic.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.put(xans + "/like", null, vic.token()).status()).isEqualTo(404);
        assertThat(api.put(xans + "/repost", null, vic.token()).status()).isEqualTo(404);
        assertThat(api.put(xans + "/like", null, wes.token()).status())
                .as("a mute is not a block")
                .isEqualTo(204);
    }

    private long reply(Api.User author, long parent, String text) {
        Api.Response created =
                api.post("/api/v1/me/collection", Map.of("text", text, "in_reply_to", parent), author.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void blockingOrMutingYourselfOrNobodyIsRefusedAndRepeatingIsFine() {
        Api.User ned = api.newUser("ned");
        Api.User oli = api.newUser("oli");
        for (String list : List.of("blocks", "mutes")) {
            Api.Response self = api.put("/api/v1/me/" + list + "/" + ned.username(), null, ned.token());
            assertThat(self.status()).isEqualTo(400);
            assertThat(self.contentType()).startsWith("application/problem+json");
            assertThat(self.json().at("/errors/0/field").asString()).isEqualTo("username");
            assertThat(api.put("/api/v1/me/" + list + "/nobody_by_that_name", null, ned.token())
                            .status())
                    .isEqualTo(404);
            assertThat(api.delete("/api/v1/me/" + list + "/nobody_by_that_name", ned.token())
                            .status())
                    .isEqualTo(404);
            assertThat(api.put("/api/v1/me/" + list + "/" + oli.username(), null, null)
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/api/v1/me/" + list).status()).isEqualTo(401);
            for (int i = 0; i < 2; i++) {
                assertThat(api.put("/api/v1/me/" + list + "/" + oli.username(), null, ned.token())
                                .status())
                        .isEqualTo(204);
            }
            assertThat(api.get("/api/v1/me/" + list, ned.token()).json()).hasSize(1);
            for (int i = 0; i < 2; i++) {
                assertThat(api.delete("/api/v1/me/" + list + "/" + oli.username(), ned.token())
                                .status())
                        .isEqualTo(204);
            }
            assertThat(api.get("/api/v1/me/" + list, ned.token()).json()).isEmpty();
        }
    }

    @Test
    void theListsArePagedMostRecentFirst() {
        Api.User pam = api.newUser("pam");
        List<Api.User> others = List.of(api.newUser("qua"), api.newUser("ray"), api.newUser("sue"));
        others.forEach(other -> api.put("/api/v1/me/blocks/" + other.username(), null, pam.token()));

        Api.Response first = api.get("/api/v1/me/blocks?limit=2", pam.token());
        Api.Response second = api.get(first.nextLink(), pam.token());

        assertThat(first.json().findValuesAsString("username"))
                .containsExactly(others.get(2).username(), others.get(1).username());
        assertThat(second.json().findValuesAsString("username"))
                .containsExactly(others.get(0).username());
        assertThat(second.nextLink()).isNull();
    }

    private void follow(Api.User follower, Api.User followee) {
        assertThat(api.put("/api/v1/me/following/" + followee.username(), null, follower.token())
                        .status())
                .isEqualTo(204);
    }

    private List<Long> timeline(Api.User user) {
        return ids(api.get("/api/v1/me/timeline", user.token()).json());
    }

    private List<String> following(Api.User user) {
        return api.get("/api/v1/me/following", user.token()).json().findValuesAsString("username");
    }

    private List<Long> searched(Api.User user, String word) {
        return ids(api.get("/api/v1/search/posts?q=" + word, user.token()).json());
    }

    private List<String> actors(Api.User user) {
        return api.get("/api/v1/me/notifications", user.token()).json().findValuesAsString("actor");
    }

    private static boolean sent(SseClient stream, long postId) {
        return stream.events().stream()
                .anyMatch(e -> e.name().equals("timeline") && e.data().contains("\"post_id\":" + postId));
    }

    private static List<Long> ids(JsonNode posts) {
        return posts.findValues("id").stream().map(JsonNode::asLong).toList();
    }
}
