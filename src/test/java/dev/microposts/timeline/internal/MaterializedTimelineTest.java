package dev.microposts.timeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.posts.Posts;
import dev.microposts.posts.VisiblePost;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.web.Cursor;
import dev.microposts.web.Page;
import dev.microposts.web.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The home timelines materialized on write (fan-out tasks, follow backfills, unfollow and delete removals) equal
 * what the foundation's fan-out-on-read query returns, on random follow graphs and posts, edits and deletes.
 */
class MaterializedTimelineTest extends ApiTest {

    @Autowired
    Posts posts;

    @Autowired
    Follows follows;

    @Autowired
    dev.microposts.accounts.Users users;

    @Test
    void materializedTimelinesEqualTheOnReadQueryOnRandomData() {
        Random random = new Random(20261121);
        List<Api.User> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(api.newUser("fan"));
        }
        List<long[]> written = new ArrayList<>(); // {post id, author index}
        for (int round = 0; round < 3; round++) {
            for (Api.User follower : people) {
                for (Api.User followee : people) {
                    if (follower != followee && random.nextDouble() < 0.3) {
                        boolean follow = random.nextDouble() < 0.75;
                        var response = follow
                                ? api.put("/api/v1/me/following/" + followee.username(), null, follower.token())
                                : api.delete("/api/v1/me/following/" + followee.username(), follower.token());
                        assertThat(response.status()).isEqualTo(204);
                    }
                }
            }
            for (int i = 0; i < 25; i++) {
                int author = random.nextInt(people.size());
                long id = api.newPost(people.get(author), "post " + round + "/" + i);
                written.add(new long[] {id, author});
            }
            for (int i = 0; i < 3; i++) {
                long[] victim = written.remove(random.nextInt(written.size()));
                Api.User author = people.get((int) victim[1]);
                assertThat(api.delete("/api/v1/users/" + author.username() + "/collection/" + victim[0], author.token())
                                .status())
                        .isEqualTo(204);
            }
        }
        long[] edited = written.get(random.nextInt(written.size()));
        Api.User editor = people.get((int) edited[1]);
        assertThat(api.patch(
                                "/api/v1/users/" + editor.username() + "/collection/" + edited[0],
                                Map.of("text", "edited after the fan-out"),
                                editor.token())
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (Api.User person : people) {
                        assertThat(materialized(person)).as(person.username()).isEqualTo(onRead(person));
                    }
                });
        JsonNode timelines =
                api.get("/api/v1/me/timeline?limit=100", editor.token()).json();
        for (JsonNode post : timelines) {
            if (post.path("id").asLong() == edited[0]) {
                assertThat(post.path("text").asString()).isEqualTo("edited after the fan-out");
            }
        }
    }

    /** Every page of {@code GET /me/timeline}: the materialized timeline, as ids and texts. */
    private List<String> materialized(Api.User person) {
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/me/timeline?limit=7";
        while (next != null) {
            Api.Response page = api.get(next, person.token());
            assertThat(page.status()).isEqualTo(200);
            page.json()
                    .forEach(post -> seen.add(
                            post.path("id").asLong() + " " + post.path("text").asString()));
            next = page.nextLink() == null
                    ? null
                    : page.nextLink().substring(api.base().length());
        }
        return seen;
    }

    /** The foundation's fan-out-on-read query: the posts of everyone followed, and one's own. */
    private List<String> onRead(Api.User person) {
        long userId = users.requireByUsername(person.username()).id();
        List<Long> authors = new ArrayList<>(follows.followeeIds(userId));
        authors.add(userId);
        List<String> expected = new ArrayList<>();
        Cursor cursor = Cursor.START;
        while (cursor != null) {
            Page<VisiblePost> page = posts.byAuthors(authors, new PageRequest(cursor, 7), Optional.empty());
            page.items().forEach(post -> expected.add(post.id() + " " + post.text()));
            cursor = page.next();
        }
        return expected;
    }
}
