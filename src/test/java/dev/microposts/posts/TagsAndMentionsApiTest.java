package dev.microposts.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code @name} mentions and {@code #tag} hashtags written in a post: listed on the post with links, a
 * tag's posts under {@code /api/v1/tags/{tag}/posts} newest first and a page at a time, and a search for
 * {@code #tag} finding the posts tagged so; all kept up to date through edits and deletion.
 */
class TagsAndMentionsApiTest extends ApiTest {

    @Test
    void aPostListsWhomItMentionsAndItsTagsWithLinks() {
        Api.User ann = api.newUser("ann");
        Api.User bob = api.newUser("bob");
        String tag = uniqueTag();

        JsonNode post = created(
                ann,
                "Hi @" + bob.username().toUpperCase() + " and @nobody_"
                        + UUID.randomUUID().toString().substring(0, 8) + ", mail me at ann@example.com about #" + tag
                        + ". <script>alert(1)</script>");

        assertThat(post.get("mentions").size()).isEqualTo(1);
        assertThat(post.at("/mentions/0/username").asString()).isEqualTo(bob.username());
        assertThat(post.at("/mentions/0/href").asString()).isEqualTo(api.base() + "/api/v1/users/" + bob.username());
        assertThat(post.get("tags").size()).isEqualTo(1);
        assertThat(post.at("/tags/0/name").asString()).isEqualTo(tag.toLowerCase());
        assertThat(post.at("/tags/0/href").asString())
                .isEqualTo(api.base() + "/api/v1/tags/" + tag.toLowerCase() + "/posts");
        assertThat(post.get("text").asString()).endsWith("<script>alert(1)</script>");

        JsonNode plain = created(ann, "nothing to link here, # alone and #2026");
        assertThat(plain.get("mentions").isEmpty()).isTrue();
        assertThat(plain.get("tags").isEmpty()).isTrue();
    }

    @Test
    void aTagsPostsComeNewestFirstAPageAtATimeWhateverTheCase() {
        Api.User cy = api.newUser("cy");
        String tag = uniqueTag();
        long first = api.newPost(cy, "first #" + tag);
        api.newPost(cy, "an untagged post that says " + tag);
        long second = api.newPost(cy, "second #" + tag.toUpperCase() + "!");
        long third = api.newPost(cy, "#" + tag + " third");

        Api.Response page = api.get("/api/v1/tags/" + tag.toUpperCase() + "/posts?limit=2");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(ids(page.json())).containsExactly(third, second);
        String next = page.header("Link");
        assertThat(next).contains("rel=\"next\"");
        Api.Response rest = api.get(next.substring(next.indexOf('<') + 1, next.indexOf('>')));
        assertThat(ids(rest.json())).containsExactly(first);
        assertThat(rest.header("Link")).isNull();

        assertThat(ids(api.get("/api/v1/tags/%23" + tag + "/posts").json())).containsExactly(third, second, first);
    }

    @Test
    void tagsOfAnyScriptHaveTheirPosts() {
        Api.User dee = api.newUser("dee");
        String tag = "Été" + uniqueTag();
        long id = api.newPost(dee, "#" + tag + " au bord de la mer");

        Api.Response found =
                api.get("/api/v1/tags/" + URLEncoder.encode(tag.toLowerCase(), StandardCharsets.UTF_8) + "/posts");

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(ids(found.json())).containsExactly(id);
    }

    @Test
    void whatCannotBeATagIsNotFound() {
        for (String path : List.of("%23", "2026", "a".repeat(101), "%3Cscript%3E", "two%20words")) {
            Api.Response refused = api.get("/api/v1/tags/" + path + "/posts");
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void editsRetagAndDeletionUntags() {
        Api.User eve = api.newUser("eve");
        Api.User fox = api.newUser("fox");
        String before = uniqueTag();
        String after = uniqueTag();
        long id = api.newPost(eve, "about #" + before);
        String href = "/api/v1/users/" + eve.username() + "/collection/" + id;

        Api.Response edited =
                api.patch(href, Map.of("text", "now about #" + after + " with @" + fox.username()), eve.token());

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().at("/tags/0/name").asString()).isEqualTo(after);
        assertThat(edited.json().at("/mentions/0/username").asString()).isEqualTo(fox.username());
        assertThat(ids(api.get("/api/v1/tags/" + before + "/posts").json())).isEmpty();
        assertThat(ids(api.get("/api/v1/tags/" + after + "/posts").json())).containsExactly(id);

        assertThat(api.delete(href, eve.token()).status()).isEqualTo(204);
        assertThat(ids(api.get("/api/v1/tags/" + after + "/posts").json())).isEmpty();
    }

    @Test
    void searchingForATagFindsThePostsTaggedSoAndNotThoseThatOnlySayTheWord() {
        Api.User gil = api.newUser("gil");
        String tag = uniqueTag();
        long tagged = api.newPost(gil, "learning #" + tag + " today");
        long saysIt = api.newPost(gil, "learning " + tag + " today");
        long both = api.newPost(gil, "#" + tag + " and #other" + tag + " on a sunny day");

        assertThat(search("#" + tag)).containsExactly(both, tagged);
        assertThat(search("#" + tag.toUpperCase())).containsExactly(both, tagged);
        assertThat(search(tag)).containsExactly(both, saysIt, tagged);
        assertThat(search("#" + tag + " sunny")).containsExactly(both);
        assertThat(search("#" + tag + " #other" + tag)).containsExactly(both);
        assertThat(search("#")).isEmpty();
    }

    private List<Long> search(String query) {
        Api.Response found = api.get("/api/v1/search/posts?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return ids(found.json());
    }

    private JsonNode created(Api.User author, String text) {
        Api.Response created = api.post("/api/v1/me/collection", Map.of("text", text), author.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** A tag no other test uses, so each test sees only its own posts. */
    static String uniqueTag() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static List<Long> ids(JsonNode posts) {
        List<Long> ids = new ArrayList<>();
        posts.forEach(post -> ids.add(post.get("id").asLong()));
        return ids;
    }
}
