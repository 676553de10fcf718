package dev.microposts.posts.internal;

import dev.microposts.ops.Leadership;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds each quiet post's shard rows in {@code post_counts} into one (V32): the shards let people like a post at once
 * without queueing on one row, but every read of the post sums them. A post is quiet when none of its rows changed
 * for {@value #QUIET_SECONDS} seconds, so the fold never holds a row that people liking it right now are waiting for.
 * A leader's duty, so one process folds for the deployment.
 */
@Component
class PostCountFolding {

    static final int QUIET_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(PostCountFolding.class);
    private static final int BATCH = 500;
    private static final int BATCHES_PER_RUN = 20;
    private static final int FOLD_LOCK = 4244;

    private final JdbcClient jdbc;
    private final Leadership leadership;
    private final TransactionTemplate transactions;

    PostCountFolding(JdbcClient jdbc, Leadership leadership, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT30S")
    void foldQuietPosts() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            for (int i = 0; i < BATCHES_PER_RUN && fold(QUIET_SECONDS) == BATCH; i++) {
                // why: a backlog (after a migration, or a burst of likes) goes in batches, each its own transaction
            }
        } catch (RuntimeException e) {
            log.warn("Folding the counts of posts failed; trying again shortly ({})", e.toString());
        }
    }

    /**
     * Folds up to {@value #BATCH} posts none of whose shard rows changed in the last {@code quietSeconds}; answers
     * how many posts it looked at. A row that a like is committing into right now is locked; it is skipped and
     * folded next time, so the fold never waits for a like and the sum stays exact.
     */
    int fold(int quietSeconds) {
        Integer folded = transactions.execute(status -> {
            // why: two folds at once (a leader handing over, a test beside the leader) would take their posts' rows
            // in different orders and could deadlock; the second waits for the first instead
            jdbc.sql("select pg_advisory_xact_lock(?, 0)").param(FOLD_LOCK).query(rs -> {});
            List<Long> posts = jdbc.sql("select post_id from post_counts where shard >= 0 group by post_id"
                            + " having max(changed_at) < now() - make_interval(secs => ?) order by post_id limit ?")
                    .params(quietSeconds, BATCH)
                    .query(Long.class)
                    .list();
            if (posts.isEmpty()) {
                return 0;
            }
            Long[] ids = posts.toArray(Long[]::new);
            // why: locked in one statement and taken in the next, whose snapshot then holds the values locked
            List<Shard> rows = jdbc.sql("select post_id, shard from post_counts where post_id = any(?) and shard >= 0"
                            + " order by post_id, shard for update skip locked")
                    .param(ids)
                    .query((rs, row) -> new Shard(rs.getLong("post_id"), rs.getInt("shard")))
                    .list();
            jdbc.sql("""
                            with taken as (
                                delete from post_counts
                                where (post_id, shard) in (select * from unnest(?::bigint[], ?::int[]))
                                returning post_id, likes, reposts)
                            insert into post_counts (post_id, shard, likes, reposts)
                            select post_id, -1, sum(likes), sum(reposts) from taken group by post_id
                            having sum(likes) <> 0 or sum(reposts) <> 0 order by post_id
                            on conflict (post_id, shard) do update set likes = post_counts.likes + excluded.likes,
                                reposts = post_counts.reposts + excluded.reposts""")
                    .params(
                            rows.stream().map(Shard::post).toArray(Long[]::new),
                            rows.stream().map(Shard::shard).toArray(Integer[]::new))
                    .update();
            jdbc.sql("delete from post_counts where post_id = any(?) and shard = -1 and likes = 0 and reposts = 0")
                    .param(ids)
                    .update();
            return posts.size();
        });
        return folded == null ? 0 : folded;
    }

    private record Shard(Long post, Integer shard) {}
}
