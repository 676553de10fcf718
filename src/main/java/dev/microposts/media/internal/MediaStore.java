package dev.microposts.media.internal;

import dev.microposts.bus.DomainEvent;
import dev.microposts.media.MediaOriginal;
import dev.microposts.media.MediaView;
import dev.microposts.media.VideoFailed;
import dev.microposts.media.VideoProbed;
import dev.microposts.media.VideoReady;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The media tables. Parts are claimed under a lease with a fresh token; only the current token's holder can
 * complete a part, and completing locks the item's row first, so when two last parts finish at the same
 * moment on two workers, the second sees the first and exactly one of them marks the item ready.
 */
@Repository
class MediaStore {

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);

    static final String PROBE = "probe";
    static final String THUMBNAIL = "thumbnail";
    static final String TRANSCODE = "transcode-";

    /** The first key of the members' upload locks; the second is the member's id. */
    private static final int UPLOADS_LOCK = 0x75706c64;

    /** Whether a post carries the item {@code m}. */
    private static final String ATTACHED = "exists (select 1 from post_media p where p.media_id = m.id)";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MediaStore(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    record Item(
            UUID id,
            long ownerId,
            String status,
            String reason,
            String sourceKey,
            long sourceSize,
            MediaView.Source source,
            Instant createdAt,
            String altText) {}

    record Claim(UUID token, UUID previousToken, PartSpec spec, int attempts) {}

    record Output(
            String kind,
            String name,
            String key,
            String contentType,
            int width,
            int height,
            long size,
            Integer bitrate,
            Integer durationMs) {}

    record Lease(UUID mediaId, String part, UUID token) {}

    record Part(UUID mediaId, String name) {}

    /** One stored upload, as the daily quotas count it. */
    record Upload(long size, Instant uploadedAt) {}

    /** The member's uploads since {@code since}, oldest first. */
    List<Upload> uploadsSince(long ownerId, Instant since) {
        return jdbc.sql("select size, uploaded_at from media_uploads where owner_id = ? and uploaded_at > ?"
                        + " order by uploaded_at")
                .params(ownerId, Timestamp.from(since))
                .query((rs, row) -> new Upload(rs.getLong("size"), instant(rs.getTimestamp("uploaded_at"))))
                .list();
    }

    /**
     * Holds the member's upload lock until the caller's transaction ends, so two uploads at the same moment
     * are counted one after the other against the quota, not both against the same allowance.
     */
    void lockUploadsOf(long ownerId) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .params(UPLOADS_LOCK, (int) ownerId)
                .query(rs -> {});
    }

    @Transactional
    void insert(UUID id, long ownerId, String sourceKey, long sourceSize) {
        jdbc.sql("insert into media_uploads (owner_id, size, uploaded_at) values (?, ?, ?)")
                .params(ownerId, sourceSize, Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("insert into media (id, owner_id, source_key, source_size) values (?, ?, ?, ?)")
                .params(id, ownerId, sourceKey, sourceSize)
                .update();
        jdbc.sql("insert into media_parts (media_id, part) values (?, ?)")
                .params(id, PROBE)
                .update();
    }

    Optional<Item> find(UUID id) {
        return jdbc.sql("select * from media where id = ?")
                .param(id)
                .query(this::item)
                .optional();
    }

    List<Item> failed(int limit) {
        return jdbc.sql("select * from media where status = 'failed' order by finished_at desc limit ?")
                .param(limit)
                .query(this::item)
                .list();
    }

    /** Takes a part that is pending or whose holder's lease ran out; empty when it is not to be run here. */
    Optional<Claim> claim(UUID mediaId, String part, Duration lease) {
        return jdbc.sql("""
                        with current as (
                            select p.lease_token from media_parts p join media m on m.id = p.media_id
                            where p.media_id = :media and p.part = :part and m.status = 'processing'
                              and (p.status = 'pending' or (p.status = 'running' and p.lease_until < now()))
                            for update of p)
                        update media_parts p set status = 'running', lease_token = gen_random_uuid(),
                            lease_until = now() + make_interval(secs => :lease), attempts = attempts + 1,
                            updated_at = now(), queued_at = coalesce(p.queued_at, now())
                        from current
                        where p.media_id = :media and p.part = :part
                        returning p.lease_token, current.lease_token as previous, p.spec::text as spec, p.attempts""")
                .param("media", mediaId)
                .param("part", part)
                .param("lease", lease.toMillis() / 1000.0)
                .query((rs, row) -> new Claim(
                        rs.getObject("lease_token", UUID.class),
                        rs.getObject("previous", UUID.class),
                        PartSpec.fromJson(rs.getString("spec")),
                        rs.getInt("attempts")))
                .optional();
    }

    /** What became of a part whose lease could not be renewed. */
    enum Ended {
        /** Completed under this very lease, between the renewal's snapshot of held leases and its update. */
        COMPLETED,
        /** Handed to another worker after a stall: put back to pending, claimed anew, or completed by it. */
        TAKEN_OVER,
        /** The item failed or was deleted meanwhile; nobody runs the part any more. */
        CANCELLED
    }

    /** Extends the leases still held; answers what became of the ones that could not be. */
    Map<Lease, Ended> renew(Collection<Lease> leases, Duration lease) {
        Map<Lease, Ended> ended = new LinkedHashMap<>();
        for (Lease held : leases) {
            int renewed = jdbc.sql("update media_parts set lease_until = now() + make_interval(secs => ?)"
                            + " where media_id = ? and part = ? and lease_token = ? and status = 'running'")
                    .params(lease.toMillis() / 1000.0, held.mediaId(), held.part(), held.token())
                    .update();
            if (renewed == 0) {
                ended.put(held, ended(held));
            }
        }
        return ended;
    }

    private Ended ended(Lease lease) {
        return jdbc.sql("select status, lease_token from media_parts where media_id = ? and part = ?")
                .params(lease.mediaId(), lease.part())
                .query((rs, row) -> switch (rs.getString("status")) {
                    case "done" ->
                        lease.token().equals(rs.getObject("lease_token", UUID.class))
                                ? Ended.COMPLETED
                                : Ended.TAKEN_OVER;
                    case "failed" -> Ended.CANCELLED;
                    default -> Ended.TAKEN_OVER;
                })
                .optional()
                .orElse(Ended.CANCELLED);
    }

    /** Running parts whose holder stopped renewing: dead, hung, or cut off from the database. */
    List<Lease> lapsed(int limit) {
        return jdbc.sql("select media_id, part, lease_token from media_parts"
                        + " where status = 'running' and lease_until < now() order by lease_until limit ?")
                .param(limit)
                .query((rs, row) -> new Lease(
                        rs.getObject("media_id", UUID.class),
                        rs.getString("part"),
                        rs.getObject("lease_token", UUID.class)))
                .list();
    }

    /**
     * Puts a part back to pending, unless someone else took it meanwhile; its old token can no longer complete it
     * (only a running part completes), and stays on the part so that the next claim names it and deletes what a
     * dead holder stored under it.
     */
    boolean revoke(Lease lease) {
        return jdbc.sql("update media_parts set status = 'pending', lease_until = null,"
                                + " updated_at = now() where media_id = ? and part = ? and lease_token = ?"
                                + " and status = 'running'")
                        .params(lease.mediaId(), lease.part(), lease.token())
                        .update()
                > 0;
    }

    /**
     * Records a part's outputs and the parts it fans out to, if {@code token} still holds it; marks the item
     * ready when this was the last part. False when the lease was lost: the caller's outputs are not used. The
     * token stays on the done part, so that a renewal racing the completion tells it from a takeover.
     */
    @Transactional
    boolean complete(
            UUID mediaId,
            String part,
            UUID token,
            List<Output> outputs,
            MediaView.Source probed,
            Map<String, PartSpec> newParts) {
        Item item = jdbc.sql("select * from media where id = ? for update")
                .param(mediaId)
                .query(this::item)
                .optional()
                .orElse(null);
        if (item == null || !item.status().equals("processing")) {
            return false;
        }
        int updated = jdbc.sql(
                        "update media_parts set status = 'done', lease_until = null,"
                                + " updated_at = now() where media_id = ? and part = ? and lease_token = ? and status = 'running'")
                .params(mediaId, part, token)
                .update();
        if (updated == 0) {
            return false;
        }
        for (Output output : outputs) {
            jdbc.sql("insert into media_outputs (media_id, kind, name, storage_key, content_type, width, height,"
                            + " size, bitrate, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            mediaId,
                            output.kind(),
                            output.name(),
                            output.key(),
                            output.contentType(),
                            output.width(),
                            output.height(),
                            output.size(),
                            output.bitrate(),
                            output.durationMs())
                    .update();
        }
        if (probed != null) {
            jdbc.sql("update media set probe = cast(? as jsonb) where id = ?")
                    .params(json.writeValueAsString(probed), mediaId)
                    .update();
            int renditions = newParts.entrySet().stream()
                    .filter(p -> p.getKey().startsWith(TRANSCODE))
                    .mapToInt(p -> p.getValue().rungs().size())
                    .sum();
            events.publishEvent(new VideoProbed(
                    DomainEvent.newId(),
                    clock.instant(),
                    mediaId,
                    item.ownerId(),
                    probed.duration(),
                    probed.width(),
                    probed.height(),
                    renditions));
        }
        // why: their tasks go out with the acknowledgement of this one, which is redelivered if they do not
        newParts.forEach((name, spec) -> jdbc.sql("insert into media_parts (media_id, part, spec, queued_at)"
                        + " values (?, ?, cast(? as jsonb), now()) on conflict do nothing")
                .params(mediaId, name, spec.toJson())
                .update());
        int unfinished = jdbc.sql("select count(*) from media_parts where media_id = ? and status <> 'done'")
                .param(mediaId)
                .query(Integer.class)
                .single();
        if (unfinished == 0) {
            jdbc.sql("update media set status = 'ready', finished_at = now() where id = ?")
                    .param(mediaId)
                    .update();
            events.publishEvent(new VideoReady(DomainEvent.newId(), clock.instant(), mediaId, item.ownerId()));
            log.info("Media {} is ready", mediaId);
        }
        return true;
    }

    /** Fails the item if it is still processing; publishes {@link VideoFailed} once. */
    @Transactional
    boolean fail(UUID mediaId, String reason) {
        Optional<Long> owner = jdbc.sql("update media set status = 'failed', reason = ?, finished_at = now()"
                        + " where id = ? and status = 'processing' returning owner_id")
                .params(reason, mediaId)
                .query(Long.class)
                .optional();
        owner.ifPresent(id -> {
            jdbc.sql("update media_parts set status = 'failed', lease_token = null, lease_until = null"
                            + " where media_id = ? and status <> 'done'")
                    .param(mediaId)
                    .update();
            events.publishEvent(new VideoFailed(DomainEvent.newId(), clock.instant(), mediaId, id, reason));
        });
        return owner.isPresent();
    }

    /** Forgets the outputs of a failed item, whose files are being deleted. */
    void forgetOutputs(UUID mediaId) {
        jdbc.sql("delete from media_outputs where media_id = ?").param(mediaId).update();
    }

    /** Starts an item over from the probe; answers the keys of the outputs to delete. */
    @Transactional
    List<String> reset(UUID mediaId) {
        List<String> keys = jdbc.sql("delete from media_outputs where media_id = ? returning storage_key")
                .param(mediaId)
                .query(String.class)
                .list();
        jdbc.sql("delete from media_parts where media_id = ?").param(mediaId).update();
        jdbc.sql("insert into media_parts (media_id, part) values (?, ?)")
                .params(mediaId, PROBE)
                .update();
        jdbc.sql("update media set status = 'processing', reason = null, probe = null, finished_at = null"
                        + " where id = ?")
                .param(mediaId)
                .update();
        return keys;
    }

    /** Records that the part's task is on the broker, so it is no longer owed one. */
    void queued(UUID mediaId, String part) {
        jdbc.sql("update media_parts set queued_at = now() where media_id = ? and part = ? and queued_at is null")
                .params(mediaId, part)
                .update();
    }

    /**
     * Pending parts whose task was never sent, written more than {@code grace} ago, locked for the caller's
     * transaction (another process sweeping at the same moment skips them).
     */
    List<Part> owed(Duration grace, int limit) {
        return jdbc.sql("select media_id, part from media_parts where queued_at is null and status = 'pending'"
                        + " and updated_at < now() - make_interval(secs => ?) order by updated_at limit ?"
                        + " for update skip locked")
                .params(grace.toMillis() / 1000.0, limit)
                .query((rs, row) -> new Part(rs.getObject("media_id", UUID.class), rs.getString("part")))
                .list();
    }

    /** Parts still to run whose message may be missing (after a crash between commit and enqueue). */
    List<String> pendingParts(UUID mediaId) {
        return jdbc.sql("select part from media_parts where media_id = ? and status = 'pending'")
                .param(mediaId)
                .query(String.class)
                .list();
    }

    Map<UUID, MediaView> views(Collection<UUID> ids, MediaUrls urls, long viewerId) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        // why: the items first; their outputs only grow until an item is ready, so an item read as ready is
        // shown with all of them (read the other way round, a ready item could show half its renditions)
        // why: an upload on no post is its owner's draft; to anyone else it does not exist
        List<Item> items = jdbc.sql("select * from media m where id = any(?) and (owner_id = ? or " + ATTACHED + ")")
                .params(array, viewerId)
                .query(this::item)
                .list();
        Map<UUID, List<Output>> outputs = new LinkedHashMap<>();
        jdbc.sql("select * from media_outputs where media_id = any(?) order by kind, height, width, name")
                .param(array)
                .query(rs -> {
                    outputs.computeIfAbsent(rs.getObject("media_id", UUID.class), k -> new ArrayList<>())
                            .add(output(rs));
                });
        Map<UUID, MediaView> views = new LinkedHashMap<>();
        items.forEach(item -> views.put(
                item.id(), urls.view(item, outputs.getOrDefault(item.id(), List.of()), item.ownerId() == viewerId)));
        return views;
    }

    /** Items still processing, when the oldest of them was uploaded, and how many finished within {@code window}. */
    Backlog backlog(Duration window) {
        return jdbc.sql("""
                        select (select count(*) from media where status = 'processing') as waiting,
                               (select min(created_at) from media where status = 'processing') as oldest,
                               (select count(*) from media where finished_at > now() - make_interval(secs => ?))
                                   as finished""")
                .param((double) window.toSeconds())
                .query((rs, row) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return new Backlog(
                            rs.getLong("waiting"), oldest == null ? null : oldest.toInstant(), rs.getLong("finished"));
                })
                .single();
    }

    record Backlog(long waiting, Instant oldest, long finished) {}

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from media where id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    boolean outputExists(String key) {
        return jdbc.sql("select count(*) from media_outputs where storage_key = ?")
                        .param(key)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Who owns the item and whether a post carries it, which decides who may see its files. */
    record Access(long ownerId, boolean attached) {}

    Optional<Access> access(UUID id) {
        return jdbc.sql("select owner_id, " + ATTACHED + " as attached from media m where id = ?")
                .param(id)
                .query((rs, row) -> new Access(rs.getLong("owner_id"), rs.getBoolean("attached")))
                .optional();
    }

    /** Sets the description of an item of {@code ownerId}; false when they own no such item. */
    boolean describe(UUID id, long ownerId, String altText) {
        return jdbc.sql("update media set alt_text = ? where id = ? and owner_id = ?")
                        .params(altText, id, ownerId)
                        .update()
                > 0;
    }

    enum Removal {
        REMOVED,
        NOT_FOUND,
        ON_A_POST
    }

    /**
     * Deletes the owner's item if no post carries it. Its row is locked first, so a post being written with it
     * at the same moment either commits before (and the item stays) or finds it gone.
     */
    @Transactional
    Removal removeDraft(UUID id, long ownerId) {
        boolean owned = jdbc.sql("select id from media where id = ? and owner_id = ? for update")
                .params(id, ownerId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!owned) {
            return Removal.NOT_FOUND;
        }
        if (access(id).map(Access::attached).orElse(false)) {
            return Removal.ON_A_POST;
        }
        remove(List.of(id));
        return Removal.REMOVED;
    }

    /**
     * Up to {@code limit} uploads on no post created before {@code before}, locked for the caller's transaction;
     * one being put on a post at this moment is skipped, and found on a post next time.
     */
    List<UUID> lockDraftsBefore(Instant before, int limit) {
        return jdbc.sql("select id from media m where created_at < ? and not " + ATTACHED
                        + " order by created_at limit ? for update skip locked")
                .params(Timestamp.from(before), limit)
                .query(UUID.class)
                .list();
    }

    /** Forgets uploads older than the quotas look back. */
    int forgetUploadsBefore(Instant before) {
        return jdbc.sql("delete from media_uploads where uploaded_at < ?")
                .param(Timestamp.from(before))
                .update();
    }

    /** Every item of an owner, oldest first, with its original's key. */
    List<MediaOriginal> originalsOf(long ownerId) {
        return jdbc.sql("select id, status, source_key, source_size, created_at from media where owner_id = ?"
                        + " order by created_at, id")
                .param(ownerId)
                .query((rs, row) -> new MediaOriginal(
                        rs.getObject("id", UUID.class),
                        rs.getString("status"),
                        rs.getString("source_key"),
                        rs.getLong("source_size"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Every item of an owner, on a post or not. */
    List<UUID> idsOwnedBy(long ownerId) {
        return jdbc.sql("select id from media where owner_id = ?")
                .param(ownerId)
                .query(UUID.class)
                .list();
    }

    /** Deletes the rows of these items, their parts and outputs with them; unknown ids are skipped. */
    void remove(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("delete from media where id = any(?)")
                    .param(ids.toArray(UUID[]::new))
                    .update();
        }
    }

    /** Locks the owner's items for attaching to a post; see {@code MediaLibrary#lockForAttaching}. */
    List<Item> lockOwned(long ownerId, Collection<UUID> ids) {
        return jdbc.sql("select * from media where id = any(?) and owner_id = ? for share")
                .params(ids.toArray(UUID[]::new), ownerId)
                .query(this::item)
                .list();
    }

    private Item item(ResultSet rs, int row) throws SQLException {
        String probe = rs.getString("probe");
        return new Item(
                rs.getObject("id", UUID.class),
                rs.getLong("owner_id"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("source_key"),
                rs.getLong("source_size"),
                probe == null ? null : json.readValue(probe, MediaView.Source.class),
                instant(rs.getTimestamp("created_at")),
                rs.getString("alt_text"));
    }

    private static Output output(ResultSet rs) throws SQLException {
        return new Output(
                rs.getString("kind"),
                rs.getString("name"),
                rs.getString("storage_key"),
                rs.getString("content_type"),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getLong("size"),
                rs.getObject("bitrate", Integer.class),
                rs.getObject("duration_ms", Integer.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
