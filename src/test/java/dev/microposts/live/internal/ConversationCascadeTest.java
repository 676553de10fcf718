package dev.microposts.live.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Conversations through the bus: a like reaches the author's live stream as a notification; a reply to a stranger
 * stays out of the timelines of followers who do not follow the stranger too; a repost reaches the reposter's
 * followers, once, and leaves when undone; deleting a post takes its likes, reposts and timeline rows with it.
 * Authors with three followers go through fan-out tasks, those with fewer inline (see {@link ApiTest}).
 */
class ConversationCascadeTest extends ApiTest {

    private static final Duration A_WHILE = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLikeReachesTheAuthorsLiveStream() throws Exception {
        Api.User author = api.newUser("liked");
        Api.User fan = api.newUser("liker");
        long post = api.newPost(author, "live likes");
        try (SseClient stream = SseClient.connect(port, author.token())) {
            assertThat(api.put(href(author, post) + "/like", null, fan.token()).status())
                    .isEqualTo(204);
            await().atMost(A_WHILE).until(() -> stream.events().stream()
                    .anyMatch(e -> e.name().equals("notification") && e.data().contains("liked")));
        }
    }

    @Test
    void aReplyToAStrangerStaysOutOfTheHomeOfFollowersWhoDoNotFollowThem() {
        Api.User stranger = api.newUser("stranger");
        Api.User busy = api.newUser("busy"); // three followers: fan-out tasks
        Api.User quiet = api.newUser("quiet"); // one follower: inline
        Api.User reader = api.newUser("reader"); // follows busy and quiet, not the stranger
        Api.User both = api.newUser("both"); // follows busy and the stranger
        Api.User third = api.newUser("third");
        follow(reader, busy);
        follow(reader, quiet);
        follow(both, busy);
        follow(both, stranger);
        follow(third, busy);

        long question = api.newPost(stranger, "anyone there?");
        long busyReply = reply(busy, question, "yes, here");
        long quietReply = reply(quiet, question, "me too");
        long own = api.newPost(busy, "a thought");
        long selfReply = reply(busy, own, "and a second thought");
        long later = api.newPost(quiet, "something else");
        long laterBusy = api.newPost(busy, "something else again");

        // the bus hands the timelines every post in order: once the later ones are in, the replies were handled
        await().atMost(A_WHILE).until(() -> timeline(reader).containsAll(List.of(later, laterBusy)));
        await().atMost(A_WHILE).until(() -> timeline(both).contains(laterBusy));
        assertThat(timeline(reader)).doesNotContain(busyReply, quietReply).contains(own, selfReply);
        assertThat(timeline(third)).doesNotContain(busyReply).contains(own, selfReply);
        assertThat(timeline(both)).contains(busyReply, question, selfReply);
        // the stranger hears of the replies
        await().atMost(A_WHILE)
                .until(() -> api.get("/api/v1/me/notifications", stranger.token())
                                .json()
                                .valueStream()
                                .filter(n -> n.path("kind").asString().equals("replied"))
                                .count()
                        == 2);
    }

    @Test
    void aRepostReachesTheRepostersFollowersOnceAndLeavesWhenUndone() {
        Api.User author = api.newUser("original");
        Api.User reposter = api.newUser("reposter");
        Api.User few = api.newUser("fewfans"); // one follower: inline
        Api.User onlyReposter = api.newUser("follower");
        Api.User followsBoth = api.newUser("follower");
        Api.User another = api.newUser("follower");
        follow(onlyReposter, reposter);
        follow(followsBoth, reposter);
        follow(another, reposter);
        follow(followsBoth, author);
        follow(author, few);
        follow(onlyReposter, few);
        long post = api.newPost(author, "worth sharing");
        await().atMost(A_WHILE).until(() -> timeline(followsBoth).contains(post));
        long newer = api.newPost(reposter, "my own news");
        await().atMost(A_WHILE).until(() -> timeline(another).contains(newer));

        assertThat(api.put(href(author, post) + "/repost", null, reposter.token())
                        .status())
                .isEqualTo(204);
        assertThat(api.put(href(author, post) + "/repost", null, few.token()).status())
                .isEqualTo(204);
        await().atMost(A_WHILE).until(() -> timeline(onlyReposter).contains(post));
        await().atMost(A_WHILE).until(() -> timeline(another).contains(post));
        // the repost sits where it was reposted, above what the reposter wrote before it
        assertThat(timeline(another)).containsExactly(post, newer);
        JsonNode shown = entry(onlyReposter, post);
        assertThat(shown.path("reposted_by").asString()).isIn(reposter.username(), few.username());
        assertThat(shown.path("reposts").asLong()).isEqualTo(2);
        // already there as the author's own: once, and as it came
        assertThat(timeline(followsBoth).stream().filter(id -> id == post)).hasSize(1);
        assertThat(entry(followsBoth, post).path("reposted_by").isNull()).isTrue();
        // the author is not shown their own post as a repost
        assertThat(timeline(author).stream().filter(id -> id == post)).hasSize(1);

        assertThat(api.delete(href(author, post) + "/repost", reposter.token()).status())
                .isEqualTo(204);
        await().atMost(A_WHILE).until(() -> !timeline(another).contains(post));
        assertThat(timeline(followsBoth)).contains(post);
        // still reposted by the other one it follows
        assertThat(entry(onlyReposter, post).path("reposted_by").asString()).isEqualTo(few.username());
    }

    @Test
    void deletingAPostTakesItsLikesRepostsAndTimelineRowsWithIt() {
        Api.User author = api.newUser("deleter");
        Api.User fan = api.newUser("fan");
        Api.User follower = api.newUser("follower");
        Api.User reader = api.newUser("reader");
        follow(follower, fan);
        follow(reader, author);
        long post = api.newPost(author, "here for a moment");
        api.put(href(author, post) + "/like", null, fan.token());
        api.put(href(author, post) + "/repost", null, fan.token());
        await().atMost(A_WHILE).until(() -> timeline(follower).contains(post));
        await().atMost(A_WHILE).until(() -> timeline(reader).contains(post));
        assertThat(rows("likes", post)).isOne();
        assertThat(rows("reposts", post)).isOne();
        assertThat(rows("timeline_reposts", post)).isOne();
        assertThat(rows("home_timeline", post)).isOne();

        assertThat(api.delete(href(author, post), author.token()).status()).isEqualTo(204);
        assertThat(rows("likes", post)).isZero();
        assertThat(rows("reposts", post)).isZero();
        assertThat(rows("timeline_reposts", post)).isZero();
        await().atMost(A_WHILE).until(() -> rows("home_timeline", post) == 0);
        assertThat(timeline(follower)).doesNotContain(post);
        assertThat(timeline(reader)).doesNotContain(post);
    }

    private long rows(String table, long post) {
        return jdbc.sql("select count(*) from " + table + " where post_id = ?")
                .param(post)
                .query(Long.class)
                .single();
    }

    private void follow(Api.User follower, Api.User followee) {
        assertThat(api.put("/api/v1/me/following/" + followee.username(), null, follower.token())
                        .status())
                .isEqualTo(204);
    }

    private long reply(Api.User author, long to, String text) {
        Api.Response created =
                api.post("/api/v1/me/collection", Map.of("text", text, "in_reply_to", to), author.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private List<Long> timeline(Api.User reader) {
        return api.get("/api/v1/me/timeline?limit=50", reader.token())
                .json()
                .valueStream()
                .map(p -> p.path("id").asLong())
                .toList();
    }

    private JsonNode entry(Api.User reader, long post) {
        return api.get("/api/v1/me/timeline?limit=50", reader.token())
                .json()
                .valueStream()
                .filter(p -> p.path("id").asLong() == post)
                .findFirst()
                .orElseThrow();
    }

    private String href(Api.User author, long id) {
        return api.base() + "/api/v1/users/" + author.username() + "/collection/" + id;
    }
}
