package dev.microposts.posts.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code post_tags} and {@code post_mentions} tables: what a post's text tags and whom it mentions, rewritten
 * whenever the text is, so a tag's page and a search by tag read an index instead of every post's text.
 */
@Repository
class PostTerms {

    private final JdbcClient jdbc;

    PostTerms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the post's tags (normalized form to the form written) and mentioned users, both in text order. */
    void replace(long postId, Map<String, String> tags, List<Long> mentionedIds) {
        jdbc.sql("delete from post_tags where post_id = ?").param(postId).update();
        jdbc.sql("delete from post_mentions where post_id = ?").param(postId).update();
        int position = 0;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            jdbc.sql("insert into post_tags (post_id, tag, display, position) values (?, ?, ?, ?)")
                    .params(postId, tag.getKey(), tag.getValue(), position++)
                    .update();
        }
        position = 0;
        for (long userId : mentionedIds) {
            jdbc.sql("insert into post_mentions (post_id, user_id, position) values (?, ?, ?) on conflict do nothing")
                    .params(postId, userId, position++)
                    .update();
        }
    }

    /** Each post's mentioned users' ids, in text order; posts mentioning nobody are absent. */
    Map<Long, List<Long>> mentionsOf(Collection<Long> postIds) {
        Map<Long, List<Long>> mentions = new HashMap<>();
        if (!postIds.isEmpty()) {
            jdbc.sql("select post_id, user_id from post_mentions where post_id = any(?) order by post_id, position")
                    .param(postIds.toArray(Long[]::new))
                    .query(rs -> {
                        mentions.computeIfAbsent(rs.getLong("post_id"), k -> new ArrayList<>())
                                .add(rs.getLong("user_id"));
                    });
        }
        return mentions;
    }
}
