package dev.microposts.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.PageSession;
import dev.microposts.support.SseClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A suspension through the admin API, across the whole cascade: the account cannot sign in and its tokens and page
 * sessions end; its posts leave the API's reads, its followers' timelines and their open live streams; the audit log
 * and the bus tell of it. Lifting it restores the account and its posts.
 */
class SuspensionTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSuspendedAccountVanishesEverywhereAndComesBackWhenLifted() {
        Api.User admin = newAdmin("mod");
        Api.User author = api.newUser("spammer");
        Api.User follower = api.newUser("reader");
        assertThat(api.put("/api/v1/me/following/" + author.username(), null, follower.token())
                        .status())
                .isEqualTo(204);
        String tag = "bargain" + System.nanoTime();
        long postId = api.newPost(author, "Buy cheap things now #" + tag);
        await().atMost(Duration.ofSeconds(15)).until(() -> timeline(follower).contains(postId));
        long question = api.newPost(follower, "Where do you buy your shoes?");
        String replies = "/api/v1/users/" + follower.username() + "/collection/" + question + "/replies";
        Api.Response answered = api.post(
                "/api/v1/users/" + author.username() + "/collection",
                Map.of("text", "From me, cheap", "in_reply_to", question),
                author.token());
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        assertThat(api.get(replies, follower.token()).json().findValuesAsString("user"))
                .containsExactly(author.username());
        assertThat(api.get("/api/v1/tags/" + tag + "/posts", null).json().findValuesAsString("id"))
                .containsExactly(String.valueOf(postId));
        PageSession authorPages = PageSession.signIn(api, author.username(), Api.STRONG_PASSWORD);
        assertThat(authorPages.get("/settings").statusCode()).isEqualTo(200);

        try (SseClient stream = SseClient.connect(port, follower.token())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() == 200);
            Api.Response suspended = api.put(
                    "/api/v1/admin/users/" + author.username() + "/suspension",
                    Map.of("reason", "Spam, over and over"),
                    admin.token());
            assertThat(suspended.status()).as(suspended.body()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(15)).until(() -> stream.events().stream()
                    .anyMatch(e -> e.name().equals("author-removed")
                            && e.data().contains("\"username\":\"" + author.username() + "\"")));
        }
        assertThat(api.get("/api/v1/me", author.token()).status())
                .as("the author's token")
                .isEqualTo(401);
        Api.Response login =
                api.post("/api/v1/token", Map.of("username", author.username(), "password", Api.STRONG_PASSWORD), null);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(login.json().path("detail").asString()).isEqualTo("This account is suspended");
        HttpResponse<String> stale = authorPages.get("/settings");
        assertThat(stale.statusCode()).as("the author's page session").isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        PageSession again = PageSession.anonymous(api);
        HttpResponse<String> refused = again.post(
                "/login",
                "username",
                author.username(),
                "password",
                Api.STRONG_PASSWORD,
                "_csrf",
                PageSession.csrf(again.get("/login")));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?suspended");
        assertThat(again.get("/login?suspended").body()).contains("This account is suspended");

        await().atMost(Duration.ofSeconds(15)).until(() -> !timeline(follower).contains(postId));
        assertThat(homeTimelineRows(author))
                .as("rows of the follower's materialized timeline")
                .isZero();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/users/" + author.username() + "/collection/" + postId, null)
                                .status()
                        == 404);
        assertThat(api.get("/api/v1/users/" + author.username(), follower.token())
                        .status())
                .as("the profile")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/tags/" + tag + "/posts", null).json())
                .as("the tag's page")
                .isEmpty();
        assertThat(api.get(replies, follower.token()).json())
                .as("the thread's replies")
                .isEmpty();

        JsonNode logged = api.get("/api/v1/admin/moderation-log", admin.token()).json();
        assertThat(logged.get(0).path("action").asString()).isEqualTo("suspend");
        assertThat(logged.get(0).path("target").asString()).isEqualTo(author.username());
        assertThat(logged.get(0).path("moderator").asString()).isEqualTo(admin.username());
        assertThat(logged.get(0).path("reason").asString()).isEqualTo("Spam, over and over");
        await().atMost(Duration.ofSeconds(10)).until(() -> events("microposts.user.suspended", author) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("microposts.moderation.action-taken", author) == 1);

        Api.Response lifted = api.send(api.request(
                        "/api/v1/admin/users/" + author.username() + "/suspension", admin.token())
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"reason\":\"Appealed and promised\"}")));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(204);
        String token = api.token(author.username(), Api.STRONG_PASSWORD);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> timeline(follower).contains(postId));
        assertThat(api.get("/api/v1/users/" + author.username(), follower.token())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/admin/moderation-log", admin.token())
                        .json()
                        .get(0)
                        .path("action")
                        .asString())
                .isEqualTo("unsuspend");
    }

    @Test
    void onlyAdminsSuspendAndEveryActionSaysWhy() {
        Api.User admin = newAdmin("mod");
        Api.User member = api.newUser("member");
        Api.User other = api.newUser("other");
        String path = "/api/v1/admin/users/" + other.username() + "/suspension";

        Api.Response refused = api.put(path, Map.of("reason", "I do not like them"), member.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/admin/moderation-log", member.token()).status())
                .isEqualTo(403);

        Api.Response noReason = api.put(path, Map.of("reason", "  "), admin.token());
        assertThat(noReason.status())
                .as("invalid input, as everywhere in the API")
                .isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(api.put("/api/v1/admin/users/nobody_here_at_all/suspension", Map.of("reason", "x"), admin.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.put(
                                "/api/v1/admin/users/" + admin.username() + "/suspension",
                                Map.of("reason", "x"),
                                admin.token())
                        .status())
                .as("suspending yourself")
                .isEqualTo(403);
        assertThat(api.get("/api/v1/me", other.token()).status()).isEqualTo(200);
    }

    private List<Long> timeline(Api.User reader) {
        return api.get("/api/v1/me/timeline", reader.token())
                .json()
                .valueStream()
                .map(p -> p.path("id").asLong())
                .toList();
    }

    private long homeTimelineRows(Api.User author) {
        return jdbc.sql("select count(*) from home_timeline h join users u on u.id = h.author_id where u.username = ?")
                .param(author.username())
                .query(Long.class)
                .single();
    }

    private long events(String type, Api.User about) {
        return jdbc.sql("select count(*) from bus_events where type = ? and data::text like ?")
                .param(type)
                .param("%\"" + about.username() + "\"%")
                .query(Long.class)
                .single();
    }
}
