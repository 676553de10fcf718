package dev.microposts.posts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Posts written before tags and mentions were recorded get them from migration V26, which finds them with
 * PostgreSQL's regular expressions: for the cases {@code PostText} is tested on, it finds what the application
 * records for a new post.
 */
class TermsBackfillTest extends ApiTest {

    private static final Path MIGRATION =
            Path.of("src/main/resources/db/migration/V26__post_tags_mentions_and_video_alt_text.sql");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMigrationFindsInOlderPostsWhatANewPostRecords() throws Exception {
        Api.User ana = api.newUser("ana");
        Api.User ben = api.newUser("ben");
        String tag = "Old" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<Long> ids = List.of(
                api.newPost(ana, "Hi @" + ben.username().toUpperCase() + ", see #" + tag + ". And #java again, #Java!"),
                api.newPost(
                        ana,
                        "mail ana@example.com or @" + ben.username() + "@example.org, page#part, # alone,"
                                + " #2026, a#b, &#39; @ab, #" + "x".repeat(101) + ", https://x.example/@"
                                + ben.username()),
                api.newPost(
                        ana, "(@" + ben.username() + ") #" + tag + "_2 #" + tag + "#more @nobody_at_all_here #Été_日本"));
        Long[] posts = ids.toArray(Long[]::new);
        List<String> tagsRecorded = tags(posts);
        List<String> mentionsRecorded = mentions(posts);
        assertThat(tagsRecorded).isNotEmpty();
        assertThat(mentionsRecorded).isNotEmpty();

        jdbc.sql("delete from post_tags where post_id = any(?)").param(posts).update();
        jdbc.sql("delete from post_mentions where post_id = any(?)")
                .param(posts)
                .update();
        String sql = Files.readString(MIGRATION);
        for (String statement :
                sql.substring(sql.indexOf("insert into post_tags")).split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }

        assertThat(tags(posts)).isEqualTo(tagsRecorded);
        assertThat(mentions(posts)).isEqualTo(mentionsRecorded);
    }

    private List<String> tags(Long[] posts) {
        return jdbc.sql("select post_id || ' ' || tag || ' ' || display || ' ' || position from post_tags"
                        + " where post_id = any(?) order by post_id, position")
                .param(posts)
                .query(String.class)
                .list();
    }

    private List<String> mentions(Long[] posts) {
        return jdbc.sql("select post_id || ' ' || user_id || ' ' || position from post_mentions"
                        + " where post_id = any(?) order by post_id, position")
                .param(posts)
                .query(String.class)
                .list();
    }
}
