package dev.microposts.media.internal;

import dev.microposts.tasks.Tasks;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the leases of the parts this process is running alive, and gives parts whose holder stopped renewing
 * (a dead worker, or one hung with its broker connection still open, which the broker would never redeliver)
 * to another worker within {@code microposts.media.lease} plus one check interval.
 */
@Component
class Leases {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private final MediaStore store;
    private final Tasks tasks;
    private final MediaProperties properties;
    private final boolean workers;
    private final Set<MediaStore.Lease> held = ConcurrentHashMap.newKeySet();
    private final Set<MediaStore.Lease> lost = ConcurrentHashMap.newKeySet();

    Leases(
            MediaStore store,
            Tasks tasks,
            MediaProperties properties,
            @Value("${microposts.tasks.workers}") boolean workers) {
        this.store = store;
        this.tasks = tasks;
        this.properties = properties;
        this.workers = workers;
    }

    void hold(MediaStore.Lease lease) {
        held.add(lease);
    }

    void release(MediaStore.Lease lease) {
        held.remove(lease);
        lost.remove(lease);
    }

    /** Whether another worker took the part over; the holder's outputs will not be used. */
    boolean isLost(MediaStore.Lease lease) {
        return lost.contains(lease);
    }

    @Scheduled(
            fixedDelayString = "${microposts.media.lease-check-interval}",
            initialDelayString = "${microposts.media.lease-check-interval}")
    void check() {
        if (!workers) {
            return;
        }
        try {
            if (!held.isEmpty()) {
                store.renew(List.copyOf(held), properties.lease()).forEach((lease, ended) -> {
                    // why: a part this process completed since the snapshot was not lost, only not released yet
                    // (the holder logs a cancelled part when it discards its files)
                    if (ended != MediaStore.Ended.COMPLETED
                            && held.contains(lease)
                            && lost.add(lease)
                            && ended == MediaStore.Ended.TAKEN_OVER) {
                        log.warn("Lost the lease of {} {}: another worker took it over", lease.mediaId(), lease.part());
                    }
                });
            }
            for (MediaStore.Lease lapsed : store.lapsed(100)) {
                if (held.contains(lapsed)) {
                    continue; // why: ours, renewed late (a long pause); the next renewal decides
                }
                // why: enqueue first, then revoke; a crash in between leaves a spare message, never a lost part
                tasks.enqueue(Pipeline.queueOf(lapsed.part()), Pipeline.payload(lapsed.mediaId(), lapsed.part()));
                if (store.revoke(lapsed)) {
                    log.warn(
                            "The worker of {} {} stopped renewing its lease; handed the part to another worker",
                            lapsed.mediaId(),
                            lapsed.part());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Lease check failed ({}); trying again in {}", e.toString(), properties.leaseCheckInterval());
        }
    }
}
