package dev.microposts.media.internal;

import dev.microposts.tasks.Tasks;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the task of a part that a transaction writes (an upload's probe) only once that transaction has
 * committed, so the worker that takes it always finds the item; sent any earlier, it could reach a worker
 * before the row did. A part records when its task went out ({@code queued_at}); one that is still owed its
 * task a lease after it was written (the process died, or the broker refused, between the commit and the send)
 * is sent by the workers' lease check. So every committed part gets its task at least once, and a part is
 * claimed once however many copies of its task arrive.
 */
@Component
class PartTasks {

    private static final Logger log = LoggerFactory.getLogger(PartTasks.class);

    private final MediaStore store;
    private final Tasks tasks;
    private final MediaProperties properties;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final boolean workers;

    PartTasks(
            MediaStore store,
            Tasks tasks,
            MediaProperties properties,
            PlatformTransactionManager transactions,
            @Value("${microposts.tasks.workers}") boolean workers) {
        this.store = store;
        this.tasks = tasks;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        // why: after a commit the finished transaction's connection is still bound; a write there would be lost
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.workers = workers;
    }

    /** Sends the part's task once the current transaction commits; at once when there is none. */
    void sendAfterCommit(UUID mediaId, String part) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            sendOrLeave(mediaId, part);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sendOrLeave(mediaId, part);
            }
        });
    }

    /** Sends it now; if the broker refuses, the lease check sends it later, so the caller goes on. */
    void sendOrLeave(UUID mediaId, String part) {
        try {
            tasks.enqueue(Pipeline.queueOf(part), Pipeline.payload(mediaId, part));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not send the {} task of {} ({}); the lease check sends it within {}",
                    part,
                    mediaId,
                    e.toString(),
                    properties.lease().plus(properties.leaseCheckInterval()));
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> store.queued(mediaId, part));
        } catch (RuntimeException e) {
            log.warn(
                    "Sent the {} task of {} but could not record it ({}); the lease check may send a spare copy",
                    part,
                    mediaId,
                    e.toString());
        }
    }

    @Scheduled(
            fixedDelayString = "${microposts.media.lease-check-interval}",
            initialDelayString = "${microposts.media.lease-check-interval}")
    void sendOwed() {
        if (!workers) {
            return;
        }
        try {
            // why: send, then record, under the rows' locks; a crash in between sends a spare copy, never none
            transaction.executeWithoutResult(status -> {
                for (MediaStore.Part owed : store.owed(properties.lease(), 100)) {
                    tasks.enqueue(Pipeline.queueOf(owed.name()), Pipeline.payload(owed.mediaId(), owed.name()));
                    store.queued(owed.mediaId(), owed.name());
                    log.warn(
                            "The {} task of {} was never sent (its process stopped, or the broker refused, after"
                                    + " the commit); sent it now",
                            owed.name(),
                            owed.mediaId());
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "Could not send the tasks owed ({}); trying again in {}",
                    e.toString(),
                    properties.leaseCheckInterval());
        }
    }
}
