package dev.microposts.media.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.engines.BackingServices;
import dev.microposts.media.MediaLibrary;
import dev.microposts.media.MediaOriginal;
import dev.microposts.media.MediaView;
import dev.microposts.refusals.InvalidInput;
import dev.microposts.refusals.NotAllowed;
import dev.microposts.storage.Storage;
import dev.microposts.storage.StorageUnavailableException;
import dev.microposts.web.UserText;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Uploads and what other modules see of media. */
@Service
class MediaService implements MediaLibrary {

    private final MediaStore store;
    private final Storage storage;
    private final PartTasks partTasks;
    private final UploadAdmission admission;
    private final UploadQuota quota;
    private final DiskFloor diskFloor;
    private final MediaUrls urls;
    private final TransactionTemplate transaction;
    private final Path uploads;
    private final DistributionSummary uploaded;

    MediaService(
            MediaStore store,
            Storage storage,
            PartTasks partTasks,
            UploadAdmission admission,
            UploadQuota quota,
            DiskFloor diskFloor,
            MediaUrls urls,
            TransactionTemplate transaction,
            BackingServices services,
            MeterRegistry meters)
            throws IOException {
        this.store = store;
        this.storage = storage;
        this.partTasks = partTasks;
        this.admission = admission;
        this.quota = quota;
        this.diskFloor = diskFloor;
        this.urls = urls;
        this.transaction = transaction;
        this.uploads = Files.createDirectories(services.dataDirectory().resolve("uploads"));
        this.uploaded = DistributionSummary.builder("microposts.media.uploads")
                .description("Sizes of the uploads accepted: the bytes that come into the media pipeline")
                .baseUnit("bytes")
                .register(meters);
    }

    /**
     * Spools the body to a private file (the request's body limit cuts off one that grows too large; the
     * file is removed then), stores it under a server-generated key, records the item and, once that is
     * committed, sends its probe.
     */
    MediaView upload(UserRef user, InputStream body) throws IOException {
        // why: a member already at a quota is told before the body is taken in
        quota.check(user.id(), 0);
        diskFloor.check();
        Path spool = spool(body);
        try {
            if (Files.size(spool) == 0) {
                throw InvalidInput.of("file", "the upload is empty");
            }
            return store(user, spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public MediaView uploadFromPage(UserRef user, InputStream body, String fileName) throws IOException {
        UploadAdmission.Decision decision = admission.decide();
        if (!decision.admitted()) {
            throw BacklogFull.forCompose(decision);
        }
        quota.check(user.id(), 0);
        diskFloor.check();
        String name = "\u201c" + shortName(fileName) + "\u201d";
        Path spool = spool(body);
        try {
            if (Files.size(spool) == 0) {
                throw InvalidInput.of("video", "Nothing was posted: " + name + " is empty. Your text is still here.");
            }
            FileKind kind = FileKind.of(spool);
            if (kind.plainlyNotAVideo()) {
                throw InvalidInput.of(
                        "video",
                        "Nothing was posted: " + name + " is " + kind.description()
                                + ", not a video file. Your text is still here: post it on its own, or choose a"
                                + " video.");
            }
            return store(user, spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** The body in a private file; the caller deletes it. */
    private Path spool(InputStream body) throws IOException {
        Path spool = Files.createTempFile(uploads, "upload-", ".part");
        try (OutputStream out = Files.newOutputStream(spool)) {
            body.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return spool;
    }

    private MediaView store(UserRef user, Path spool) throws IOException {
        UUID id = UUID.randomUUID();
        long size = Files.size(spool);
        quota.check(user.id(), size);
        String key = MediaKeys.source(id);
        try {
            storage.put(key, spool, "application/octet-stream");
        } catch (StorageUnavailableException e) {
            throw new DataAccessResourceFailureException("storage unavailable", e);
        }
        try {
            transaction.executeWithoutResult(status -> {
                // why: checked again under the member's lock, so concurrent uploads cannot share one allowance
                store.lockUploadsOf(user.id());
                quota.check(user.id(), size);
                store.insert(id, user.id(), key, size);
                partTasks.sendAfterCommit(id, MediaStore.PROBE);
            });
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        admission.accepted();
        uploaded.record(size);
        return view(id, user.id()).orElseThrow();
    }

    /** The name a browser gave the file, without any folders some send with it, and not too long to show. */
    private static String shortName(String fileName) {
        String name = fileName == null
                ? ""
                : fileName.substring(fileName.replace('\\', '/').lastIndexOf('/') + 1);
        if (name.isBlank()) {
            return "the file";
        }
        return name.length() > 60 ? name.substring(0, 57) + "..." : name;
    }

    /** The item as {@code viewerId} may see it; see {@link MediaLibrary#views}. */
    Optional<MediaView> view(UUID id, long viewerId) {
        return Optional.ofNullable(store.views(List.of(id), urls, viewerId).get(id));
    }

    @Override
    public void describe(UserRef owner, UUID id, String altText) {
        String text = checkedAltText(altText);
        if (!store.describe(id, owner.id(), text)) {
            // why: someone else's video on a post is there for all to see, so refusing it says nothing new;
            // a draft of someone else's is not confirmed to exist
            if (store.access(id).map(MediaStore.Access::attached).orElse(false)) {
                throw new NotAllowed("Only the owner of media item " + id + " may describe it");
            }
            throw new MediaItemNotFound(id);
        }
    }

    /** The description as it will be stored: checked like any text a user writes; blank is none. */
    static String checkedAltText(String altText) {
        if (altText == null || altText.isBlank()) {
            return null;
        }
        UserText.problemWith(altText, MediaView.MAX_ALT_TEXT, true).ifPresent(problem -> {
            throw InvalidInput.of("alt_text", problem);
        });
        return altText;
    }

    @Override
    public int lockForAttaching(long ownerId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<UUID, MediaStore.Item> owned = new java.util.HashMap<>();
        store.lockOwned(ownerId, ids).forEach(item -> owned.put(item.id(), item));
        int unready = 0;
        for (UUID id : ids) {
            MediaStore.Item item = owned.get(id);
            if (item == null) {
                throw new IllegalArgumentException("no media item " + id + " of yours");
            }
            if (item.status().equals("failed")) {
                throw new IllegalArgumentException("media item " + id + " failed: " + item.reason());
            }
            if (!item.status().equals("ready")) {
                unready++;
            }
        }
        return unready;
    }

    /**
     * Deletes an upload its owner no longer wants, while no post carries it; its files go once the row is gone,
     * so a worker still processing it finds nothing to complete and drops what it made.
     */
    void delete(UserRef owner, UUID id) {
        switch (store.removeDraft(id, owner.id())) {
            case NOT_FOUND -> throw new MediaItemNotFound(id);
            case ON_A_POST -> throw new MediaItemOnAPost(id);
            case REMOVED -> storage.deleteAll(MediaKeys.itemPrefix(id));
        }
    }

    @Override
    public void discard(Collection<UUID> ids) {
        store.remove(ids);
        ids.forEach(id -> storage.deleteAll(MediaKeys.itemPrefix(id)));
    }

    @Override
    public List<MediaOriginal> originalsOf(long ownerId) {
        return store.originalsOf(ownerId);
    }

    @Override
    public Map<UUID, MediaView> views(Collection<UUID> ids, long viewerId) {
        return store.views(ids, urls, viewerId);
    }
}
