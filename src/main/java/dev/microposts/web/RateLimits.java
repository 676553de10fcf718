package dev.microposts.web;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL (Bucket4j), so a limit holds across every web process behind the load
 * balancer, and across restarts. Each bucket is a row locked for the moment it is read and written; a bucket
 * that has refilled to full is the same as no bucket, so such rows are deleted.
 */
@Component
public class RateLimits {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    RateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /**
     * Takes one token from the bucket of {@code key}, which holds {@code capacity} tokens and refills them
     * evenly over {@code period}; answers how long to wait for the next token when the bucket is empty.
     */
    public Optional<Duration> take(String key, int capacity, Duration period) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
        ConsumptionProbe probe = buckets.getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** The whole number of seconds to tell a client in {@code Retry-After}, never less than one. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    void forgetFullBuckets() {
        // why: SKIP LOCKED batches, so every process may run this at once without waiting on the others
        int removed;
        do {
            removed = buckets.removeExpired(1000);
        } while (removed == 1000);
    }
}
