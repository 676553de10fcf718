package dev.microposts.media.internal;

import dev.microposts.engines.BackingServices;
import dev.microposts.media.MediaView;
import dev.microposts.storage.NoSuchStoredObjectException;
import dev.microposts.storage.Storage;
import dev.microposts.tasks.PermanentTaskFailure;
import dev.microposts.tasks.Task;
import dev.microposts.tasks.TaskFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The work of the three media queues. Each task names an item and a part; the part is claimed under a lease,
 * done in a private work directory that is always deleted, its outputs stored under keys that carry the
 * lease token, and completed only if the lease is still held, so a redelivered or taken-over task never
 * leaves a second copy of anything. Where files are stored is {@link MediaKeys}'s to say, what ffmpeg is told
 * {@link EncodeCommand}'s, and what the probe planned for a part {@link PartSpec}'s.
 */
@Component
class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final MediaStore store;
    private final Storage storage;
    private final Leases leases;
    private final MediaProperties properties;
    private final FfmpegBinaries binaries;
    private final Confinement confinement;
    private final Prober prober;
    private final EncodeCommand encode;
    private final ObjectMapper json;
    private final Clock clock;
    private final Path workRoot;
    private final MeterRegistry meters;

    Pipeline(
            MediaStore store,
            Storage storage,
            Leases leases,
            MediaProperties properties,
            BackingServices services,
            ObjectMapper json,
            Clock clock,
            MeterRegistry meters)
            throws IOException {
        this.store = store;
        this.storage = storage;
        this.leases = leases;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.workRoot = properties.workRoot(services.dataDirectory());
        Files.createDirectories(workRoot);
        // why: a process killed mid-task could not clean up; the work directory is this process's alone
        try (var stale = Files.list(workRoot)) {
            stale.filter(p -> p.getFileName().toString().startsWith("task-")).forEach(FfmpegBinaries::deleteTree);
        }
        this.binaries = FfmpegBinaries.locate(properties.ffmpeg(), services.dataDirectory());
        this.confinement = Confinement.detect(
                binaries.ffmpeg().getParent(),
                properties.niceness(),
                properties.ffmpegMaxMemory().toBytes(),
                properties.ffmpegMaxFileSize().toBytes());
        this.prober = new Prober(binaries, confinement, properties, json, clock);
        this.encode = new EncodeCommand(binaries.ffmpeg(), properties.ffmpegThreads(), properties.maxOutputFrameRate());
        this.meters = meters;
        // why: a series that starts at 0 shows its first failure as an increase; one born at 1 would not
        for (MediaFailure failure : MediaFailure.values()) {
            failure.steps().forEach(step -> failures(failure.kind(), step));
        }
        for (String step : List.of("probe", "transcode", "thumbnail")) {
            List.of(TaskFailure.TIMED_OUT, TaskFailure.ATTEMPTS_EXHAUSTED, TaskFailure.ABANDONED)
                    .forEach(reason -> failures(reason, step));
        }
        log.info("ffmpeg: {} ({})", binaries.ffmpeg(), binaries.origin());
        log.info(confinement.describe());
    }

    static String queueOf(String part) {
        return part.startsWith(MediaStore.TRANSCODE) ? "transcode" : part;
    }

    static String payload(UUID mediaId, String part) {
        return "{\"media\":\"" + mediaId + "\",\"part\":\"" + part + "\"}";
    }

    /**
     * A task's payload as the media queues read it; on its own so the compatibility tests read every release's
     * payloads exactly this way.
     */
    static PartTask read(ObjectMapper json, String payload) {
        JsonNode node = json.readTree(payload);
        return new PartTask(
                UUID.fromString(node.path("media").asString()),
                node.path("part").asString());
    }

    /** The part of one media item a task asks for: {@code probe}, {@code transcode-720}, {@code thumbnail}. */
    record PartTask(UUID mediaId, String part) {}

    /** Runs the part a task names; a no-op when the part is done, held elsewhere, or the item is gone. */
    void run(Task task) throws Exception {
        PartTask named = read(json, task.payload());
        UUID mediaId = named.mediaId();
        String part = named.part();
        Optional<MediaStore.Claim> claim = store.claim(mediaId, part, properties.lease());
        if (claim.isEmpty()) {
            if (!store.exists(mediaId)) {
                // why: tasks are sent once their item committed (PartTasks), so it was deleted since; should an
                // older process have sent one before its commit, the lease check sends it again once committed
                log.info("{} {}: no such media item; nothing to do", mediaId, part);
                return;
            }
            if (part.equals(MediaStore.PROBE)) {
                // why: a probe redelivered after its commit but before its follow-ups were sent re-sends them
                store.pendingParts(mediaId).forEach(p -> task.followUp(queueOf(p), payload(mediaId, p)));
            }
            return;
        }
        MediaStore.Item item = store.find(mediaId).orElse(null);
        if (item == null) {
            return;
        }
        MediaStore.Lease lease = new MediaStore.Lease(mediaId, part, claim.get().token());
        leases.hold(lease);
        Path workDir = Files.createTempDirectory(workRoot, "task-");
        List<String> written = new ArrayList<>();
        boolean completed = false;
        boolean superseded = false;
        try {
            if (claim.get().previousToken() != null) {
                // why: files a dead holder stored before it could complete; never referenced
                storage.deleteAll(MediaKeys.attemptPrefix(mediaId, claim.get().previousToken()));
            }
            Path source = source(item, workDir);
            if (part.equals(MediaStore.PROBE)) {
                completed = probe(task, item, lease, source, workDir);
            } else {
                List<MediaStore.Output> outputs = part.equals(MediaStore.THUMBNAIL)
                        ? thumbnails(task, item, lease, claim.get().spec(), source, workDir, written)
                        : renditions(task, item, lease, claim.get().spec(), source, workDir, written);
                completed =
                        !leases.isLost(lease) && store.complete(mediaId, part, lease.token(), outputs, null, Map.of());
                if (completed) {
                    outputs.forEach(this::produced);
                }
            }
            superseded = !completed;
        } catch (PermanentTaskFailure e) {
            throw e;
        } catch (Exception e) {
            store.revoke(lease); // why: the retry may run at once instead of waiting for the lease to lapse
            throw e;
        } finally {
            leases.release(lease);
            if (!completed) {
                written.forEach(this::deleteQuietly);
            }
            if (superseded) {
                // why: logged once the files are gone, so the line means the attempt left nothing behind
                log.info("{} {} was taken over or cancelled meanwhile; discarded this attempt's files", mediaId, part);
            }
            FfmpegBinaries.deleteTree(workDir);
        }
    }

    /**
     * Records the failure where the owner sees it, and counts it by kind ({@code microposts.media.failures}).
     * A failure of the file itself is final: no attempt or reprocessing can fix it, so its original and any
     * rendition already made are deleted, and only the row with its reason stays. After a failure of the
     * machinery (attempts exhausted, time limit) the files stay, for the operators' Retry or reprocessing.
     */
    void gaveUp(Task task, TaskFailure failure) throws Exception {
        UUID mediaId = read(json, task.payload()).mediaId();
        String reason = MediaFailure.ownerReason(failure);
        if (!reason.equals(failure.reason())) {
            log.warn("{} failed in {} ({}): {}", mediaId, task.queue(), failure.kind(), failure.reason());
        }
        if (store.fail(mediaId, reason)) {
            failures(failure.kind(), task.queue()).increment();
        }
        if (isFinal(failure)
                && store.find(mediaId)
                        .map(item -> item.status().equals("failed"))
                        .orElse(false)) {
            // why: also when the item had failed already, so a delivery repeated after storage refused the
            // deletion completes it
            store.forgetOutputs(mediaId);
            storage.deleteAll(MediaKeys.itemPrefix(mediaId));
        }
    }

    private static boolean isFinal(TaskFailure failure) {
        return !Set.of(TaskFailure.TIMED_OUT, TaskFailure.ATTEMPTS_EXHAUSTED, TaskFailure.ABANDONED)
                .contains(failure.kind());
    }

    private Path source(MediaStore.Item item, Path workDir) {
        Optional<Path> local = storage.localFile(item.sourceKey());
        if (local.isPresent()) {
            return local.get(); // why: only read, never changed; copying half a gigabyte would gain nothing
        }
        Path copy = workDir.resolve("source");
        try {
            storage.download(item.sourceKey(), copy);
        } catch (NoSuchStoredObjectException e) {
            throw MediaFailure.SOURCE_MISSING.because("The uploaded file is missing from storage.", e);
        }
        return copy;
    }

    private boolean probe(Task task, MediaStore.Item item, MediaStore.Lease lease, Path source, Path workDir)
            throws Exception {
        Prober.Probed probed = prober.probe(source, workDir, task.deadline());
        MediaView.Source facts = probed.facts();
        PartSpec streams = new PartSpec(probed.videoStream(), probed.audioStream(), List.of());
        List<Ladder.Rung> rungs = Ladder.plan(facts, properties.ladder(), properties.maxOutputFrameRate());
        Map<String, PartSpec> parts = new LinkedHashMap<>();
        List<Ladder.Rung> first =
                rungs.stream().filter(r -> r.size() <= properties.firstGroup()).toList();
        List<Ladder.Rung> rest =
                rungs.stream().filter(r -> r.size() > properties.firstGroup()).toList();
        int group = 1;
        for (List<Ladder.Rung> rungGroup : List.of(first, rest)) {
            if (!rungGroup.isEmpty()) {
                parts.put(MediaStore.TRANSCODE + group++, streams.withRungs(rungGroup));
            }
        }
        parts.put(MediaStore.THUMBNAIL, streams);
        if (!store.complete(item.id(), MediaStore.PROBE, lease.token(), List.of(), facts, parts)) {
            return false;
        }
        parts.keySet().forEach(p -> task.followUp(queueOf(p), payload(item.id(), p)));
        log.info(
                "Probed {}: {}x{}, {} s, {}; {} rendition(s) planned",
                item.id(),
                facts.width(),
                facts.height(),
                String.format("%.1f", facts.duration()),
                facts.hasAudio() ? "with sound" : "silent",
                rungs.size());
        return true;
    }

    private List<MediaStore.Output> renditions(
            Task task,
            MediaStore.Item item,
            MediaStore.Lease lease,
            PartSpec spec,
            Path source,
            Path workDir,
            List<String> written)
            throws Exception {
        List<Ladder.Rung> rungs = spec.rungs();
        MediaView.Source facts = item.source();
        long started = System.nanoTime();
        ffmpeg(encode.renditions(source, spec, facts.hasAudio(), facts.duration(), workDir), workDir, source, task);
        double seconds = (System.nanoTime() - started) / 1e9;
        double speed = facts.duration() / Math.max(seconds, 0.001);
        for (Ladder.Rung rung : rungs) {
            // why: the renditions of a group come out of one ffmpeg run, each at that run's speed
            DistributionSummary.builder("microposts.media.encode.speed")
                    .description("Seconds of video encoded per second of work (x realtime), by rendition")
                    .tag("rendition", rendition(rung.size()))
                    .register(meters)
                    .record(speed);
        }
        List<MediaStore.Output> outputs = new ArrayList<>();
        for (Ladder.Rung rung : rungs) {
            Path file = workDir.resolve(MediaKeys.renditionFile(rung));
            String key = MediaKeys.attemptFile(item.id(), lease.token(), MediaKeys.renditionFile(rung));
            long size = Files.size(file);
            double duration = prober.duration(file, workDir, task.deadline());
            if (!(duration > 0)) {
                duration = facts.duration();
            }
            storage.put(key, file, "video/mp4");
            written.add(key);
            outputs.add(new MediaStore.Output(
                    "rendition",
                    rung.name(),
                    key,
                    "video/mp4",
                    rung.width(),
                    rung.height(),
                    size,
                    (int) Math.round(size * 8 / Math.max(duration, 0.001)),
                    (int) Math.round(duration * 1000)));
        }
        log.info(
                "Encoded {} rendition(s) of {} ({} s of video) in {} s",
                rungs.size(),
                item.id(),
                facts.duration(),
                String.format("%.2f", seconds));
        return outputs;
    }

    private List<MediaStore.Output> thumbnails(
            Task task,
            MediaStore.Item item,
            MediaStore.Lease lease,
            PartSpec spec,
            Path source,
            Path workDir,
            List<String> written)
            throws Exception {
        MediaView.Source facts = item.source();
        List<EncodeCommand.Thumbnail> sizes = EncodeCommand.thumbnailSizes(facts, properties.thumbnailWidths());
        double at = EncodeCommand.thumbnailAt(facts.duration());
        ffmpeg(encode.thumbnails(source, spec, sizes, at, workDir), workDir, source, task);
        List<MediaStore.Output> outputs = new ArrayList<>();
        for (EncodeCommand.Thumbnail size : sizes) {
            Path file = workDir.resolve(MediaKeys.thumbnailFile(size.width()));
            if (!Files.exists(file) || Files.size(file) == 0) {
                throw MediaFailure.NO_THUMBNAIL.because("No picture could be taken from the video.");
            }
            String key = MediaKeys.attemptFile(item.id(), lease.token(), MediaKeys.thumbnailFile(size.width()));
            storage.put(key, file, "image/jpeg");
            written.add(key);
            outputs.add(new MediaStore.Output(
                    "thumbnail",
                    MediaKeys.thumbnailName(size.width()),
                    key,
                    "image/jpeg",
                    size.width(),
                    size.height(),
                    Files.size(file),
                    null,
                    null));
        }
        log.info("Took {} thumbnail(s) of {} at {} s", outputs.size(), item.id(), String.format("%.2f", at));
        return outputs;
    }

    /** Counts what a completed part stored ({@code microposts.media.output}); a discarded attempt counts nothing. */
    private void produced(MediaStore.Output output) {
        Counter.builder("microposts.media.output")
                .description("Bytes of renditions and thumbnails kept, by kind and rendition")
                .baseUnit("bytes")
                .tag("kind", output.kind())
                .tag(
                        "rendition",
                        output.kind().equals("rendition") ? rendition(Integer.parseInt(output.name())) : "thumbnail")
                .register(meters)
                .increment(output.size());
    }

    /**
     * A rendition's label in metrics: its rung of the configured ladder ({@code 720p}, by the short side), or
     * {@code below-ladder} for a source smaller than every rung, which keeps its own size. Never a size the
     * uploader chose, so the number of series stays bounded.
     */
    private String rendition(int size) {
        return properties.ladder().contains(size) ? size + "p" : "below-ladder";
    }

    private Counter failures(String reason, String step) {
        return Counter.builder("microposts.media.failures")
                .description("Videos that failed, by the kind of failure and the step that gave up")
                .tag("reason", reason)
                .tag("step", step)
                .register(meters);
    }

    private void ffmpeg(List<String> command, Path workDir, Path source, Task task) throws Exception {
        ChildProcess.Result result =
                ChildProcess.runBounded(command, workDir, List.of(source), confinement, task.deadline(), clock);
        if (!result.ok()) {
            log.warn("ffmpeg failed with exit code {}: {}", result.exitCode(), result.stderrTail());
            throw MediaFailure.ENCODE_FAILED.because("The video could not be converted; the file may be damaged.");
        }
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not delete {} ({}); purge-orphans will", key, e.toString());
        }
    }
}
