package dev.microposts.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.storage.Storage;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lease check renews the parts a worker holds every few seconds. A part the worker has just completed, but not
 * yet released, can no longer be renewed: that is the end of a normal run and must not read as a lease taken over,
 * which is a warning an operator acts on. Only a part another worker took is lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaseRenewalTest extends ApiTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    MediaStore store;

    @Autowired
    Leases leases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Storage storage;

    @Autowired
    TransactionTemplate transaction;

    private final List<UUID> items = new ArrayList<>();

    @AfterEach
    void removeItems() {
        store.remove(items);
    }

    @Test
    void aPartCompletedUnderItsOwnLeaseIsNotReportedLost(CapturedOutput output) {
        UUID item = itemWithItsProbeHeld();
        MediaStore.Lease done = claimed(item, MediaStore.THUMBNAIL);
        assertThat(store.complete(item, MediaStore.THUMBNAIL, done.token(), List.of(), null, Map.of()))
                .isTrue();

        assertThat(store.renew(List.of(done), HOUR)).isEqualTo(Map.of(done, MediaStore.Ended.COMPLETED));

        leases.hold(done);
        try {
            leases.check();
            assertThat(leases.isLost(done)).isFalse();
        } finally {
            leases.release(done);
        }
        assertThat(output.getAll()).doesNotContain("Lost the lease of " + item);
    }

    @Test
    void aPartHandedToAnotherWorkerIsLostAtEachStepOfTheTakeOver(CapturedOutput output) {
        UUID item = itemWithItsProbeHeld();
        MediaStore.Lease stalled = claimed(item, MediaStore.THUMBNAIL);

        assertThat(store.revoke(stalled)).isTrue();
        assertThat(store.renew(List.of(stalled), HOUR)).isEqualTo(Map.of(stalled, MediaStore.Ended.TAKEN_OVER));

        UUID taker = store.claim(item, MediaStore.THUMBNAIL, HOUR).orElseThrow().token();
        assertThat(store.renew(List.of(stalled), HOUR)).isEqualTo(Map.of(stalled, MediaStore.Ended.TAKEN_OVER));

        assertThat(store.complete(item, MediaStore.THUMBNAIL, taker, List.of(), null, Map.of()))
                .isTrue();
        assertThat(store.renew(List.of(stalled), HOUR))
                .as("completed by the other worker")
                .isEqualTo(Map.of(stalled, MediaStore.Ended.TAKEN_OVER));
        assertThat(store.complete(item, MediaStore.THUMBNAIL, stalled.token(), List.of(), null, Map.of()))
                .as("the stalled worker's late completion")
                .isFalse();

        leases.hold(stalled);
        try {
            leases.check();
            assertThat(leases.isLost(stalled)).isTrue();
        } finally {
            leases.release(stalled);
        }
        assertThat(output.getAll())
                .containsOnlyOnce("Lost the lease of " + item + " thumbnail: another worker took it over");
    }

    @Test
    void aPartOfAnItemThatFailedOrWasDeletedIsCancelledNotTakenOver(CapturedOutput output) {
        UUID failing = itemWithItsProbeHeld();
        MediaStore.Lease ofFailed = claimed(failing, MediaStore.THUMBNAIL);
        assertThat(store.fail(failing, "the test failed it")).isTrue();
        UUID deleted = itemWithItsProbeHeld();
        MediaStore.Lease ofDeleted = claimed(deleted, MediaStore.THUMBNAIL);
        store.remove(List.of(deleted));

        assertThat(store.renew(List.of(ofFailed, ofDeleted), HOUR))
                .isEqualTo(Map.of(ofFailed, MediaStore.Ended.CANCELLED, ofDeleted, MediaStore.Ended.CANCELLED));

        leases.hold(ofFailed);
        try {
            leases.check();
            assertThat(leases.isLost(ofFailed))
                    .as("its outputs are not to be used")
                    .isTrue();
        } finally {
            leases.release(ofFailed);
        }
        assertThat(output.getAll()).doesNotContain("Lost the lease of " + failing);
    }

    /** An item whose probe this test holds, so no worker runs it: the test plays the pipeline itself. */
    private UUID itemWithItsProbeHeld() {
        UUID item = new DirectItems(jdbc, storage, store, transaction).withProbeHeld(api.newUser("leases"), HOUR);
        items.add(item);
        return item;
    }

    /** A part planned for the item and claimed by this test, as a worker claims it. */
    private MediaStore.Lease claimed(UUID item, String part) {
        jdbc.sql("insert into media_parts (media_id, part, spec, queued_at) values (?, ?, cast(? as jsonb), now())")
                .params(item, part, "{\"video_stream\": 0}")
                .update();
        return new MediaStore.Lease(
                item, part, store.claim(item, part, HOUR).orElseThrow().token());
    }
}
