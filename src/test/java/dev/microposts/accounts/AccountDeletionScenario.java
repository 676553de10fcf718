package dev.microposts.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.media.internal.Videos;
import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.PageSession;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Deleting an account leaves nothing of it behind: a member with posts, videos (one still being transcoded), follows
 * both ways, notifications, an export, sessions and tokens deletes their account, and once the reactions have run no row of any
 * table refers to them and storage holds none of their files. The tables are read from the catalogue, not listed
 * here, so a table added later (likes, reposts, ...) is counted too. Run once per storage adapter.
 */
abstract class AccountDeletionScenario extends ApiTest {

    /** Columns that name a user by id, by the schema's naming, whether or not a foreign key says so. */
    private static final List<String> USER_COLUMNS =
            List.of("author_id", "owner_id", "user_id", "actor_id", "follower_id", "followee_id", "referenced_id");

    /** The bus log keeps what happened for its retention (README, "The bus"), then trims it; the rest may not. */
    private static final List<String> KEPT_FOR_A_RETENTION = List.of("bus_events", "flyway_schema_history");

    /**
     * Other members' words stay as they wrote them, even where they name the deleted user ("hello @leaver"); the
     * link to the account ({@code referenced_id}) goes, and the deleted user's own posts are found by author.
     */
    private static final String OTHERS_WORDS = "posts.text";

    @TempDir
    static Path videos;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Storage storage;

    @Test
    void leavesNoRowAndNoFileOfTheAccountAnywhere() throws Exception {
        Videos maker = new Videos(videos);
        Api.User leaver = api.newUser("leaver");
        Api.User friend = api.newUser("friend");
        long leaverId = userId(leaver);
        assertThat(follow(friend, leaver)).isEqualTo(204);
        assertThat(follow(leaver, friend)).isEqualTo(204);
        List<Long> posts = new ArrayList<>();
        posts.add(api.newPost(leaver, "a first post, soon gone"));
        Api.Response mention = api.post(
                "/api/v1/me/collection",
                Map.of("text", "hello @" + friend.username(), "referenced", friend.username()),
                leaver.token());
        posts.add(mention.json().get("id").asLong());
        api.post(
                "/api/v1/me/collection",
                Map.of("text", "hello @" + leaver.username(), "referenced", leaver.username()),
                friend.token());
        String ready = upload(leaver, maker.h264("ready.mp4", "320x240", 1, true));
        api.awaitMediaReady(leaver, ready, Duration.ofMinutes(2));
        Api.Response withVideo = api.post(
                "/api/v1/me/collection", Map.of("text", "my video", "media_ids", List.of(ready)), leaver.token());
        assertThat(withVideo.status()).as(withVideo.toString()).isEqualTo(201);
        posts.add(withVideo.json().get("id").asLong());
        String secondToken = api.token(leaver.username(), Api.STRONG_PASSWORD);
        PageSession page = PageSession.signIn(api, leaver.username(), Api.STRONG_PASSWORD);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> timelineOf(friend).containsAll(posts) && notificationCount(leaverId) >= 4);
        assertThat(storedKeys(ready)).isNotEmpty();
        String export = api.post("/api/v1/me/exports", "", leaver.token())
                .json()
                .get("href")
                .asString();
        await().atMost(Duration.ofMinutes(1))
                .until(
                        () -> api.get(export, leaver.token())
                                .json()
                                .path("status")
                                .asString(),
                        "ready"::equals);
        String exportId = export.substring(export.lastIndexOf('/') + 1);
        assertThat(storage.list("exports/" + exportId + "/"))
                .as("the archive, in storage")
                .isNotEmpty();
        // why: a video the pipeline is still working on when the account goes
        String processing = upload(leaver, maker.h264("processing.mp4", "640x360", 6, true));

        Api.Response wrong = api.send(deleteMe(leaver.token(), "{\"password\": \"not-my-password-at-all\"}"));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(403);
        assertThat(wrong.contentType()).isEqualTo("application/problem+json");
        Api.Response missing = api.send(deleteMe(leaver.token(), "{}"));
        assertThat(missing.status())
                .as("invalid input, as everywhere in the API")
                .isEqualTo(400);
        assertThat(api.get("/api/v1/me", leaver.token()).status())
                .as("a refused deletion deletes nothing")
                .isEqualTo(200);
        assertThat(timelineOf(friend)).containsAll(posts);

        Api.Response deleted = api.send(deleteMe(secondToken, "{\"password\": \"" + Api.STRONG_PASSWORD + "\"}"));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", leaver.token()).status()).isEqualTo(401);
        assertThat(api.post(
                                "/api/v1/token",
                                Map.of("username", leaver.username(), "password", Api.STRONG_PASSWORD),
                                null)
                        .status())
                .as("no one can sign in as the deleted account")
                .isEqualTo(401);
        assertThat(page.signedIn()).as("its page session").isFalse();
        assertThat(timelineOf(friend))
                .as("its posts left the friend's timeline at once")
                .doesNotContainAnyElementsOf(posts);
        assertThat(api.get("/api/v1/users/" + leaver.username()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/search/posts?q=gone").body()).doesNotContain("a first post, soon gone");

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(rowsReferringTo(leaverId, leaver.username(), posts, List.of(ready, processing)))
                            .isEmpty();
                    assertThat(storedKeys(ready)).isEmpty();
                    assertThat(storedKeys(processing)).isEmpty();
                    assertThat(storage.list("exports/" + exportId + "/")).isEmpty();
                });
        assertThat(api.get("/api/v1/me", friend.token()).status())
                .as("the friend is untouched")
                .isEqualTo(200);
    }

    /**
     * Every row of every table that names the user: by a foreign key to {@code users}, by a column named like a
     * user's id, by their username in any text, JSON or bytes, or by one of their posts' or videos' ids.
     */
    private List<String> rowsReferringTo(long userId, String username, List<Long> posts, List<String> media) {
        List<String> found = new ArrayList<>();
        List<Column> columns = jdbc.sql("select c.table_name, c.column_name, c.data_type,"
                        + " exists (select 1 from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid"
                        + " and a.attnum = any(k.conkey) where k.contype = 'f' and k.confrelid = 'users'::regclass"
                        + " and k.conrelid = (quote_ident(c.table_name))::regclass and a.attname = c.column_name)"
                        + " as refers_to_users"
                        + " from information_schema.columns c join information_schema.tables t"
                        + " on t.table_schema = c.table_schema and t.table_name = c.table_name"
                        + " where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'"
                        + " order by c.table_name, c.ordinal_position")
                .query((rs, row) -> new Column(
                        rs.getString("table_name"),
                        rs.getString("column_name"),
                        rs.getString("data_type"),
                        rs.getBoolean("refers_to_users")))
                .list();
        assertThat(columns).as("the catalogue lists the tables").isNotEmpty();
        assertThat(columns.stream().filter(Column::refersToUsers).map(Column::table))
                .as("foreign keys to users found in the catalogue")
                .contains("posts", "follows", "media", "notifications", "access_tokens");
        for (Column column : columns) {
            if (KEPT_FOR_A_RETENTION.contains(column.table())) {
                continue;
            }
            if (OTHERS_WORDS.equals(column.table() + "." + column.column())) {
                continue;
            }
            String where = condition(column);
            if (where == null) {
                continue;
            }
            long count = jdbc.sql("select count(*) from " + column.table() + " where " + where)
                    .param("id", userId)
                    .param("name", username.toLowerCase())
                    .param("posts", posts.toArray(Long[]::new))
                    .param("media", media.toArray(String[]::new))
                    .query(Long.class)
                    .single();
            if (count > 0) {
                found.add(column.table() + "." + column.column() + ": " + count + " row(s)");
            }
        }
        return found;
    }

    private static String condition(Column column) {
        String name = "\"" + column.column() + "\"";
        boolean numeric = column.type().equals("bigint") || column.type().equals("integer");
        if (column.table().equals("users") && column.column().equals("id")) {
            return name + " = :id";
        }
        if (numeric && (column.refersToUsers() || USER_COLUMNS.contains(column.column()))) {
            return name + " = :id";
        }
        if (numeric && column.column().equals("post_id")) {
            return name + " = any(:posts)";
        }
        if (column.column().equals("media_id")
                || (column.table().equals("media") && column.column().equals("id"))) {
            return "cast(" + name + " as text) = any(:media)";
        }
        return switch (column.type()) {
            case "text", "character varying", "character", "jsonb", "json" ->
                "strpos(lower(cast(" + name + " as text)), :name) > 0";
            case "bytea" -> "strpos(lower(encode(" + name + ", 'escape')), :name) > 0";
            default -> null;
        };
    }

    private List<String> storedKeys(String mediaId) {
        return storage.list("media/" + mediaId + "/");
    }

    private long userId(Api.User user) {
        return jdbc.sql("select id from users where username = ?")
                .param(user.username())
                .query(Long.class)
                .single();
    }

    private long notificationCount(long userId) {
        return jdbc.sql("select count(*) from notifications where user_id = :id or actor_id = :id")
                .param("id", userId)
                .query(Long.class)
                .single();
    }

    private int follow(Api.User follower, Api.User followed) {
        return api.put("/api/v1/me/following/" + followed.username(), "", follower.token())
                .status();
    }

    private List<Long> timelineOf(Api.User reader) {
        JsonNode timeline = api.get("/api/v1/me/timeline", reader.token()).json();
        List<Long> ids = new ArrayList<>();
        timeline.forEach(post -> ids.add(post.get("id").asLong()));
        return ids;
    }

    private String upload(Api.User owner, Path video) throws Exception {
        Api.Response upload = api.send(api.request("/api/v1/media", owner.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(video)));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
        return upload.json().get("id").asString();
    }

    private HttpRequest.Builder deleteMe(String token, String body) {
        return api.request("/api/v1/me", token)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body));
    }

    private record Column(String table, String column, String type, boolean refersToUsers) {}
}
