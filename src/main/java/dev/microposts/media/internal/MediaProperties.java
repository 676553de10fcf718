package dev.microposts.media.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code microposts.media.*}: upload and probe limits, the ladder, ffmpeg, and the leases of running parts.
 *
 * @param maxUploadSize largest accepted upload
 * @param maxLongSide largest accepted frame, long side (3840 for 4K)
 * @param maxShortSide largest accepted frame, short side (2160 for 4K)
 * @param maxFrameRate highest accepted frame rate
 * @param maxDuration longest accepted video
 * @param maxStreams most streams a file may have
 * @param ladder rendition sizes, by the short side (1080 is "1080p" in landscape and portrait alike)
 * @param firstGroup rungs up to this size are encoded by a task of their own, so something plays early
 * @param maxOutputFrameRate frame rate cap of the renditions
 * @param thumbnailWidths thumbnail sizes; the first is the default
 * @param ffmpeg an ffmpeg to use instead of the bundled one (its ffprobe must sit beside it)
 * @param ffmpegThreads threads each ffmpeg may use (0: ffmpeg's own choice, about 1.5 per core for x264);
 *     with the queues' concurrency, the cores the pipeline takes
 * @param niceness CPU priority of ffmpeg (added with {@code nice}, 0 to 19) so requests stay responsive
 * @param ffmpegMaxMemory address space each ffmpeg or ffprobe may take (with {@code prlimit}); 0 for no limit
 * @param ffmpegMaxFileSize largest file each ffmpeg or ffprobe may write (with {@code prlimit}); 0 for no limit
 * @param lease how long a part stays with a worker that stopped renewing it (a hung or dead worker)
 * @param leaseCheckInterval how often workers renew their leases and look for lapsed ones
 * @param accelRedirect prefix of an internal location of a web server in front that serves the stored files
 *     itself ({@code X-Accel-Redirect}); empty serves them from this process
 * @param workDir where workers keep their private temporary files, and the web server the parts of multipart
 *     uploads; empty for {@code <data-dir>/work}
 * @param maxBacklog videos waiting to be processed at which new uploads are refused (503 with
 *     {@code Retry-After}) until the backlog drains below four fifths of it; 0 never refuses
 * @param uploadsPerDay most uploads one member may store in any 24 hours (429 past it); 0 for no limit
 * @param uploadBytesPerDay most bytes one member may upload in any 24 hours (429 past it); 0 for no limit
 * @param draftRetention how long an upload put on no post is kept before it is purged, files and all
 * @param draftPurgeInterval how often the leader looks for such uploads
 * @param minFreeDisk free space on the data directory's disk below which uploads are refused (507); 0 never
 * @param maxTransfersPerClient video uploads and downloads one client address (an IPv6 /64) may have running
 *     at once in this process (429 past it); 0 for no limit
 * @param maxTransfers video uploads and downloads this process runs at once (503 past it), so slow clients
 *     cannot hold every request thread; 0 for no limit
 */
@ConfigurationProperties("microposts.media")
record MediaProperties(
        DataSize maxUploadSize,
        int maxLongSide,
        int maxShortSide,
        double maxFrameRate,
        Duration maxDuration,
        int maxStreams,
        List<Integer> ladder,
        int firstGroup,
        double maxOutputFrameRate,
        List<Integer> thumbnailWidths,
        Path ffmpeg,
        int ffmpegThreads,
        int niceness,
        DataSize ffmpegMaxMemory,
        DataSize ffmpegMaxFileSize,
        Duration lease,
        Duration leaseCheckInterval,
        String accelRedirect,
        Path workDir,
        int maxBacklog,
        int uploadsPerDay,
        DataSize uploadBytesPerDay,
        Duration draftRetention,
        Duration draftPurgeInterval,
        DataSize minFreeDisk,
        int maxTransfersPerClient,
        int maxTransfers) {

    MediaProperties {
        ladder = ladder.stream().sorted().toList();
        ffmpegThreads = Math.max(0, ffmpegThreads);
        accelRedirect = accelRedirect == null ? "" : accelRedirect;
        ffmpegMaxMemory = ffmpegMaxMemory == null ? DataSize.ofGigabytes(8) : ffmpegMaxMemory;
        ffmpegMaxFileSize = ffmpegMaxFileSize == null ? DataSize.ofGigabytes(4) : ffmpegMaxFileSize;
        uploadBytesPerDay = uploadBytesPerDay == null ? DataSize.ofBytes(0) : uploadBytesPerDay;
        minFreeDisk = minFreeDisk == null ? DataSize.ofBytes(0) : minFreeDisk;
    }

    /** The work directory, under the data directory unless one is set. */
    Path workRoot(Path dataDirectory) {
        return workDir != null && !workDir.toString().isBlank() ? workDir : dataDirectory.resolve("work");
    }
}
