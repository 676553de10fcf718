package dev.microposts.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A member hears of what others did to them (a follow, a post that names them), newest first, and marks it read:
 * one, or everything up to one; nobody reads or marks another member's notifications.
 */
class NotificationsApiTest extends ApiTest {

    private static final String MINE = "/api/v1/me/notifications";

    @Test
    void aFollowAndAPostThatNamesYouArriveNewestFirstAndUnread() {
        Api.User dana = api.newUser("dana");
        Api.User eli = api.newUser("eli");

        assertThat(api.put("/api/v1/me/following/" + dana.username(), null, eli.token())
                        .status())
                .isEqualTo(204);
        // why: each kind is recorded by a listener of its own, so only what has arrived has an order to check
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(dana, ""), list -> list.size() == 1);
        var posted = api.post(
                "/api/v1/me/collection", Map.of("text", "Hello @dana", "referenced", dana.username()), eli.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        api.newPost(eli, "a post that names nobody");

        List<JsonNode> notifications = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(dana, ""), list -> list.size() == 2);
        assertThat(notifications).extracting(n -> n.path("kind").asString()).containsExactly("referenced", "followed");
        assertThat(notifications).allSatisfy(n -> {
            assertThat(n.path("actor").asString()).isEqualTo(eli.username());
            assertThat(n.path("read").asBoolean()).isFalse();
        });
        assertThat(notifications.get(0).path("post").asString())
                .endsWith("/api/v1/users/" + eli.username() + "/collection/"
                        + posted.json().path("id").asLong());
        assertThat(unread(dana)).isEqualTo(2);
        assertThat(list(eli, "")).as("the one who acted hears nothing").isEmpty();
    }

    @Test
    void markingOneReadAndThenTheRestUpToAnId() {
        Api.User fay = api.newUser("fay");
        List<Api.User> followers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.User follower = api.newUser("fan");
            followers.add(follower);
            api.put("/api/v1/me/following/" + fay.username(), null, follower.token());
        }
        List<JsonNode> all = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(fay, ""), list -> list.size() == 3);
        long newest = all.get(0).path("id").asLong();
        long middle = all.get(1).path("id").asLong();
        long oldest = all.get(2).path("id").asLong();

        assertThat(api.put(MINE + "/" + newest + "/read", null, fay.token()).status())
                .isEqualTo(204);
        assertThat(unread(fay)).isEqualTo(2);
        assertThat(list(fay, "?unread=true"))
                .extracting(n -> n.path("id").asLong())
                .containsExactly(middle, oldest);

        var marked = api.post(MINE + "/read", Map.of("up_to", oldest), fay.token());
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        assertThat(marked.json().path("marked").asInt()).isEqualTo(1);
        assertThat(list(fay, "?unread=true"))
                .extracting(n -> n.path("id").asLong())
                .containsExactly(middle);

        assertThat(api.post(MINE + "/read", Map.of(), fay.token())
                        .json()
                        .path("marked")
                        .asInt())
                .isEqualTo(1);
        assertThat(unread(fay)).isZero();
    }

    @Test
    void anotherMembersNotificationIsNotThereForYou() {
        Api.User gus = api.newUser("gus");
        Api.User hal = api.newUser("hal");
        api.put("/api/v1/me/following/" + gus.username(), null, hal.token());
        long theirs = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(gus, ""), list -> list.size() == 1)
                .get(0)
                .path("id")
                .asLong();

        var refused = api.put(MINE + "/" + theirs + "/read", null, hal.token());
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains(String.valueOf(theirs));
        assertThat(api.put(MINE + "/" + Long.MAX_VALUE + "/read", null, gus.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.put(MINE + "/not-a-number/read", null, gus.token()).status())
                .isEqualTo(400);
        assertThat(unread(gus)).as("still unread").isEqualTo(1);
        assertThat(api.get(MINE, null).status()).isEqualTo(401);
    }

    private List<JsonNode> list(Api.User user, String query) {
        var answer = api.get(MINE + query, user.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.json().forEach(items::add);
        return items;
    }

    private long unread(Api.User user) {
        return api.get(MINE + "/unread-count", user.token())
                .json()
                .path("unread")
                .asLong();
    }
}
