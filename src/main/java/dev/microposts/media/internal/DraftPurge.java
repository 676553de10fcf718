package dev.microposts.media.internal;

import dev.microposts.ops.Leadership;
import dev.microposts.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges uploads nobody put on a post within {@code microposts.media.draft-retention}: abandoned drafts would
 * otherwise hold disk for ever, within every quota. Runs on the leader only, in batches; an item's row goes
 * with its files in one transaction, so storage refusing the deletion keeps the row for the next round.
 * Also forgets the upload records the daily quotas no longer look at.
 */
@Component
class DraftPurge {

    private static final Logger log = LoggerFactory.getLogger(DraftPurge.class);
    private static final int BATCH = 100;

    private final MediaStore store;
    private final Storage storage;
    private final Leadership leadership;
    private final TransactionTemplate transaction;
    private final MediaProperties properties;
    private final Clock clock;

    DraftPurge(
            MediaStore store,
            Storage storage,
            Leadership leadership,
            TransactionTemplate transaction,
            MediaProperties properties,
            Clock clock) {
        this.store = store;
        this.storage = storage;
        this.leadership = leadership;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${microposts.media.draft-purge-interval}",
            initialDelayString = "${microposts.media.draft-purge-interval}")
    void purge() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            int purged;
            do {
                purged = transaction.execute(status -> {
                    List<UUID> drafts =
                            store.lockDraftsBefore(clock.instant().minus(properties.draftRetention()), BATCH);
                    store.remove(drafts);
                    drafts.forEach(id -> storage.deleteAll(MediaKeys.itemPrefix(id)));
                    return drafts.size();
                });
                if (purged > 0) {
                    log.info("Purged {} upload(s) left on no post for over {}", purged, properties.draftRetention());
                }
            } while (purged == BATCH && leadership.isLeader());
            store.forgetUploadsBefore(clock.instant().minus(UploadQuota.WINDOW));
        } catch (RuntimeException e) {
            log.warn("Purging uploads left on no post failed ({}); the next round tries again", e.toString());
        }
    }
}
