package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An upload's probe goes to the broker only once the upload's transaction has committed, so a worker never
 * meets an item it cannot see yet (and never retries for that); and an item whose probe was never sent, as when
 * the process stops between the commit and the send, is picked up again by the workers' lease check.
 */
class ProbeAfterCommitTest extends ApiTest {

    /** An advisory lock key of this test's own; the application's locks are taken with other keys. */
    private static final long COMMIT_GATE = 7_346_201_117L;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MediaStore store;

    @Autowired
    Storage storage;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    @Test
    void theProbeWaitsUntilTheUploadHasCommitted(@TempDir Path directory) throws Exception {
        Api.User owner = api.newUser("slowcommit");
        Path clip = new Videos(directory).h264("slow-commit.mp4", "320x240", 1, false);
        // why: a deferred trigger runs at commit; it waits there for a lock this test holds, so the upload's
        // commit takes as long as the test says
        jdbc.sql("""
                        create or replace function hold_media_commit() returns trigger language plpgsql as $$
                        begin perform pg_advisory_xact_lock(%d); return null; end $$""".formatted(COMMIT_GATE)).update();
        jdbc.sql("create constraint trigger hold_media_commit after insert on media deferrable initially deferred"
                        + " for each row execute function hold_media_commit()")
                .update();
        Connection gate = dataSource.getConnection();
        try {
            gate.setAutoCommit(false);
            gate.createStatement().execute("select pg_advisory_xact_lock(" + COMMIT_GATE + ")");
            double probesBefore = probes();
            double retriedBefore = retried();
            CompletableFuture<Api.Response> upload =
                    CompletableFuture.supplyAsync(() -> api.send(api.request("/api/v1/media", owner.token())
                            .header("Content-Type", "application/octet-stream")
                            .POST(bodyOf(clip))));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                                    .query(Integer.class)
                                    .single()
                            == 1);
            // the upload's row is written but not committed: no worker may be handed its probe meanwhile
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(this::probes, taken -> taken == probesBefore);
            assertThat(upload).isNotDone();

            gate.rollback();
            Api.Response answer = upload.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            api.awaitMediaReady(owner, answer.json().path("id").asString(), Duration.ofSeconds(90));
            assertThat(retried())
                    .as("no probe was retried for want of its item")
                    .isEqualTo(retriedBefore);
        } finally {
            gate.rollback();
            gate.close();
            jdbc.sql("drop trigger if exists hold_media_commit on media").update();
            jdbc.sql("drop function if exists hold_media_commit()").update();
        }
    }

    @Test
    void anItemWhoseProbeWasNeverSentIsPickedUpByTheLeaseCheck(@TempDir Path directory) throws Exception {
        Api.User owner = api.newUser("unsent");
        Path clip = new Videos(directory).h264("unsent.mp4", "320x240", 1, false);
        // what an upload leaves when its process stops between the commit and the send: the item, and no task
        UUID id = new DirectItems(jdbc, storage, store, transaction).stored(owner, clip);
        assertThat(queuedAt(id)).isEmpty();

        api.awaitMediaReady(owner, id.toString(), Duration.ofSeconds(90));
        assertThat(queuedAt(id)).isPresent();
    }

    private Optional<Timestamp> queuedAt(UUID id) {
        return jdbc.sql("select queued_at from media_parts where media_id = ? and part = 'probe'")
                .param(id)
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp("queued_at")))
                .single();
    }

    private double retried() {
        return meters.find("microposts.tasks").tags("queue", "probe", "outcome", "retried").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Probe tasks taken off the queue so far, whatever became of them. */
    private double probes() {
        return meters.find("microposts.tasks").tags("queue", "probe").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static HttpRequest.BodyPublisher bodyOf(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
