package dev.microposts.posts.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table of one row per person and post they marked (liked, reposted), keyed by {@code (post_id, user_id)}. The key
 * makes marking twice and unmarking what is not marked change nothing, and the answer says whether anything changed,
 * so only a real change is announced on the bus. The counts are kept beside, in {@code post_counts}, by triggers that
 * run as the transaction commits (V31, V32): spread over several rows per post, so a popular post does not make every
 * like wait for the one before it, and folded into one row once the post is quiet ({@link PostCountFolding}).
 */
abstract class Marks {

    private final JdbcClient jdbc;
    private final String table;

    Marks(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** True when the mark is new. */
    boolean add(long postId, long userId) {
        return jdbc.sql("insert into " + table + " (post_id, user_id) values (?, ?) on conflict do nothing")
                        .params(postId, userId)
                        .update()
                > 0;
    }

    /** True when there was a mark to take back. */
    boolean remove(long postId, long userId) {
        return jdbc.sql("delete from " + table + " where post_id = ? and user_id = ?")
                        .params(postId, userId)
                        .update()
                > 0;
    }
}
