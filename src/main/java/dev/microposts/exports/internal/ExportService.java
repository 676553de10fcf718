package dev.microposts.exports.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.bus.DomainEvent;
import dev.microposts.exports.ExportReady;
import dev.microposts.refusals.NotFound;
import dev.microposts.storage.Storage;
import dev.microposts.tasks.Tasks;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The export use cases: ask for one, follow it, download it, and what its task and its expiry record. */
@Service
class ExportService {

    private final StoredExports exports;
    private final Tasks tasks;
    private final Storage storage;
    private final ExportsProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExportService(
            StoredExports exports,
            Tasks tasks,
            Storage storage,
            ExportsProperties properties,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.exports = exports;
        this.tasks = tasks;
        this.storage = storage;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts building an archive, or answers the one being built already: asking twice (a double click, a retried
     * request) builds one archive, not two. The task is sent after the row committed, so its worker finds it.
     */
    Requested request(UserRef owner) {
        Optional<Export> building = exports.building(owner.id());
        if (building.isPresent()) {
            return new Requested(building.get(), false);
        }
        Optional<Export> created =
                exports.insert(UUID.randomUUID(), owner.id(), clock.instant().plus(properties.expiry()));
        if (created.isEmpty()) {
            // why: another request of the same member inserted one between the two statements
            return new Requested(exports.building(owner.id()).orElseThrow(), false);
        }
        try {
            tasks.enqueue(
                    ExportHandler.QUEUE, ExportHandler.payload(created.get().id()));
        } catch (RuntimeException e) {
            // why: an export no task will build would keep the member from asking again until it expired
            exports.failed(created.get().id(), "The archive could not be started; ask for a new one");
            throw e;
        }
        return new Requested(created.get(), true);
    }

    /** The owner's export; {@link NotFound} for anyone else's, which must not learn it exists. */
    Export find(UserRef owner, UUID id) {
        return exports.find(id)
                .filter(export -> export.ownerId() == owner.id())
                .orElseThrow(() -> new NotFound("There is no export " + id));
    }

    List<Export> ofOwner(UserRef owner) {
        return exports.ofOwner(owner.id());
    }

    /** The archive of a ready export of the owner's, to stream; {@link NotFound} otherwise. */
    InputStream open(Export export) {
        if (!export.ready()) {
            throw new NotFound("The export " + export.id() + " is not ready");
        }
        return storage.open(export.storageKey(), 0, export.size());
    }

    /**
     * Records a built archive and says so on the bus (its owner gets a notification); false when the export was
     * deleted meanwhile (with its account), and the archive just stored must go too.
     */
    boolean ready(Export export, String storageKey, long size) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!exports.ready(export.id(), storageKey, size)) {
                return false;
            }
            events.publishEvent(new ExportReady(
                    DomainEvent.newId(), clock.instant(), export.id(), export.ownerId(), export.expiresAt()));
            return true;
        }));
    }

    void failed(UUID id, String reason) {
        exports.failed(id, reason);
    }

    /** Deletes an export's archive, then its record. */
    void delete(Export export) {
        storage.deleteAll(ExportHandler.prefix(export.id()));
        exports.delete(export.id());
    }

    /** An export asked for, and whether this request started it. */
    record Requested(Export export, boolean started) {}
}
