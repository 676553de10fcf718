package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.Storage;
import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.tasks.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker that died holding a part (killed, its machine gone) leaves files under its lease token and never
 * completes. The lease check of a live worker hands the part over (puts it back to pending, sends its task
 * again), and whoever claims it next deletes the dead holder's files: the item ends with one set of outputs.
 */
class DeadHolderFilesTest extends ApiTest {

    @Autowired
    MediaStore store;

    @Autowired
    Storage storage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Tasks tasks;

    @Test
    void thePartOfADeadWorkerIsHandedOverAndItsFilesDeleted(@TempDir Path directory) throws Exception {
        Api.User owner = api.newUser("deadholder");
        Path clip = new Videos(directory).h264("dead-holder.mp4", "320x240", 1, false);
        UUID id = new DirectItems(jdbc, storage, store, transaction).stored(owner, clip);
        String source = MediaKeys.source(id);

        // a worker of another process claims the probe, stores a file under its token, and dies: its lease lapses
        AtomicReference<UUID> deadToken = new AtomicReference<>();
        transaction.executeWithoutResult(status -> deadToken.set(store.claim(id, MediaStore.PROBE, Duration.ofHours(1))
                .orElseThrow()
                .token()));
        Path stray = Files.writeString(directory.resolve("stray.jpg"), "half a thumbnail");
        String strayKey = "media/" + id + "/" + deadToken.get() + "/thumb-320.jpg";
        storage.put(strayKey, stray, "image/jpeg");

        // why: what the lease check does once the lease lapses, in the order in which a slow queue sees it: the
        // part is put back to pending before the task sent again reaches a worker
        assertThat(store.revoke(new MediaStore.Lease(id, MediaStore.PROBE, deadToken.get())))
                .isTrue();
        tasks.enqueue(Pipeline.queueOf(MediaStore.PROBE), Pipeline.payload(id, MediaStore.PROBE));

        api.awaitMediaReady(owner, id.toString(), Duration.ofSeconds(90));
        assertThat(storage.list("media/" + id + "/" + deadToken.get() + "/"))
                .as("what the dead holder stored")
                .isEmpty();
        assertThat(storage.list("media/" + id + "/")).contains(source).doesNotContain(strayKey);
    }
}
