package dev.microposts.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An {@code @name} in a post's text tells that person, once per post, when others can see the post: not its
 * author, not a name nobody has, not the person the post already refers to (the book's {@code referenced}, which
 * tells them as before), and on an edit only whom the post did not mention before.
 */
class MentionNotificationsTest extends ApiTest {

    private static final String MINE = "/api/v1/me/notifications";

    @Test
    void everyoneMentionedHearsOnceButTheAuthorAndThoseReferred() {
        Api.User ivy = api.newUser("ivy");
        Api.User jay = api.newUser("jay");
        Api.User kim = api.newUser("kim");
        Api.User lee = api.newUser("lee");

        var posted = api.post(
                "/api/v1/me/collection",
                Map.of(
                        "text",
                        "@" + jay.username() + " @" + kim.username() + " @" + lee.username() + " @"
                                + jay.username().toUpperCase() + " and me, @" + ivy.username()
                                + ", and @nobody_at_all_here",
                        "referenced",
                        lee.username()),
                ivy.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        long postId = posted.json().path("id").asLong();

        for (Api.User mentioned : List.of(jay, kim)) {
            JsonNode told = awaitOne(mentioned, "mentioned");
            assertThat(told.path("actor").asString()).isEqualTo(ivy.username());
            assertThat(told.path("post").asString())
                    .endsWith("/api/v1/users/" + ivy.username() + "/collection/" + postId);
        }
        assertThat(kinds(awaitCount(lee, 1)))
                .as("referred to: told as before, once")
                .containsExactly("referenced");
        assertThat(list(ivy)).as("the author mentioned themself").isEmpty();
    }

    @Test
    void anEditTellsOnlyWhomItNewlyMentions() {
        Api.User max = api.newUser("max");
        Api.User ned = api.newUser("ned");
        Api.User oli = api.newUser("oli");
        Api.User pam = api.newUser("pam");
        Api.User quin = api.newUser("quin");
        long id = api.newPost(max, "Hello @" + ned.username());
        String href = "/api/v1/me/collection/" + id;
        awaitOne(ned, "mentioned");

        edit(max, href, "Hello @" + ned.username() + " and @" + oli.username());
        awaitOne(oli, "mentioned");

        edit(max, href, "Hello @" + oli.username() + " only");
        edit(max, href, "Hello again @" + ned.username() + " and @" + oli.username());
        // why: one listener reads the edits in order, so once the last one's mention arrives the others were read
        edit(max, href, "Hello @" + ned.username() + ", @" + oli.username() + " and @" + pam.username());
        awaitOne(pam, "mentioned");
        assertThat(kinds(list(ned)))
                .as("mentioned again after a removal: still once")
                .containsExactly("mentioned");
        assertThat(kinds(list(oli))).containsExactly("mentioned");

        var referred = api.post(
                "/api/v1/me/collection", Map.of("text", "For you", "referenced", quin.username()), max.token());
        long referredId = referred.json().path("id").asLong();
        awaitOne(quin, "referenced");
        edit(max, "/api/v1/me/collection/" + referredId, "For you, @" + quin.username() + " and @" + pam.username());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(pam).size() == 2);
        assertThat(kinds(list(quin))).as("told by the reference already").containsExactly("referenced");
    }

    @Test
    void aPostWithAVideoTellsWhomItMentionsOnceItIsPublished(@TempDir Path directory) throws Exception {
        Api.User rae = api.newUser("rae");
        Api.User sam = api.newUser("sam");
        Path clip = new Videos(directory).h264("mention.mp4", "320x240", 1, false);
        var upload = api.send(api.request("/api/v1/media", rae.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);

        var posted = api.post(
                "/api/v1/me/collection",
                Map.of(
                        "text",
                        "Look, @" + sam.username(),
                        "media_ids",
                        List.of(upload.json().path("id").asString())),
                rae.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String href = posted.json().path("href").asString();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(sam).size() == 1);
        assertThat(api.get(href).json().path("published").asBoolean())
                .as("told only once others can see it")
                .isTrue();
        assertThat(kinds(list(sam))).containsExactly("mentioned");
    }

    private void edit(Api.User author, String href, String text) {
        var edited = api.patch(href, Map.of("text", text), author.token());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    }

    private JsonNode awaitOne(Api.User user, String kind) {
        List<JsonNode> all = awaitCount(user, 1);
        assertThat(kinds(all)).containsExactly(kind);
        return all.get(0);
    }

    private List<JsonNode> awaitCount(Api.User user, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list(user), list -> list.size() >= count);
    }

    private List<JsonNode> list(Api.User user) {
        var answer = api.get(MINE, user.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.json().forEach(items::add);
        return items;
    }

    private static List<String> kinds(List<JsonNode> notifications) {
        return notifications.stream().map(n -> n.path("kind").asString()).toList();
    }
}
