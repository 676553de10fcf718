package dev.microposts.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TimelineApiTest extends ApiTest {

    @Test
    void theHomeTimelineHasOwnAndFollowedPostsNewestFirst() {
        Api.User reader = api.newUser("reader");
        Api.User followed = api.newUser("followed");
        Api.User stranger = api.newUser("stranger");

        long mine = api.newPost(reader, "my own");
        long theirs = api.newPost(followed, "from someone I follow");
        api.newPost(stranger, "from a stranger");
        assertThat(api.put("/api/v1/me/following/" + followed.username(), "", reader.token())
                        .status())
                .isEqualTo(204);
        long later = api.newPost(followed, "later");

        // the timeline is materialized by the follow's backfill and the post's fan-out, after their commits
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode timeline = api.get("/api/v1/me/timeline", reader.token()).json();
            assertThat(timeline.findValues("id").stream().map(JsonNode::asLong)).containsExactly(later, theirs, mine);
        });
    }

    @Test
    void unfollowingRemovesTheirPostsFromTheTimeline() {
        Api.User reader = api.newUser("fickle");
        Api.User followed = api.newUser("dropped");
        api.newPost(followed, "soon gone from your timeline");
        api.put("/api/v1/me/following/" + followed.username(), "", reader.token());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        api.get("/api/v1/me/timeline", reader.token()).json())
                .hasSize(1));

        assertThat(api.delete("/api/v1/me/following/" + followed.username(), reader.token())
                        .status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        api.get("/api/v1/me/timeline", reader.token()).json())
                .isEmpty());
        assertThat(api.delete("/api/v1/me/following/" + followed.username(), reader.token())
                        .status())
                .as("unfollowing twice is fine")
                .isEqualTo(204);
    }

    @Test
    void followingYourselfIsRefusedAndFollowsNobody() {
        Api.User narcissus = api.newUser("narcissus");

        Api.Response refused = api.put("/api/v1/me/following/" + narcissus.username(), "", narcissus.token());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).isEqualTo("username: you cannot follow yourself");
        assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("username");
        assertThat(api.get("/api/v1/me/following", narcissus.token()).json()).isEmpty();
    }

    @Test
    void followingIsIdempotentAndListedOnBothSides() {
        Api.User star = api.newUser("star");
        List<Api.User> fans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.User fan = api.newUser("fan" + i);
            fans.add(fan);
            api.put("/api/v1/me/following/" + star.username(), "", fan.token());
            api.put("/api/v1/me/following/" + star.username(), "", fan.token());
        }

        Api.Response firstPage = api.get("/api/v1/users/" + star.username() + "/followers?limit=3");
        Api.Response secondPage = api.get(firstPage.nextLink());

        List<String> followers = new ArrayList<>(firstPage.json().findValuesAsString("username"));
        followers.addAll(secondPage.json().findValuesAsString("username"));
        assertThat(followers)
                .containsExactlyInAnyOrderElementsOf(
                        fans.stream().map(Api.User::username).toList());
        assertThat(secondPage.nextLink()).isNull();
        assertThat(api.get("/api/v1/users/" + fans.get(0).username() + "/following")
                        .json()
                        .findValuesAsString("username"))
                .containsExactly(star.username());
        assertThat(api.get("/api/users/" + star.username() + "/followers").json())
                .hasSize(5);
    }

    @Test
    void followingYourselfOrNobodyIsAnError() {
        Api.User solo = api.newUser("solo");

        assertThat(api.put("/api/v1/me/following/" + solo.username(), "", solo.token())
                        .status())
                .isEqualTo(400);
        assertThat(api.put("/api/v1/me/following/nobody_here_at_all", "", solo.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.put("/api/v1/me/following/" + solo.username(), "", null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/me/timeline").status()).isEqualTo(401);
    }
}
