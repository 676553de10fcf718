package dev.microposts.media.internal;

import dev.microposts.refusals.LimitReached;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * How much one member may upload in any 24 hours: a number of videos and a number of bytes. Each stored upload
 * costs disk and transcoding for everyone, and one account in a loop would otherwise fill both. Counted in
 * PostgreSQL, so every web process enforces the same allowance; past it, a refusal with the time until enough
 * of the day's uploads age out.
 */
@Component
class UploadQuota {

    static final Duration WINDOW = Duration.ofHours(24);

    private final MediaStore store;
    private final int uploadsPerDay;
    private final long bytesPerDay;
    private final Clock clock;

    UploadQuota(MediaStore store, MediaProperties properties, Clock clock) {
        this.store = store;
        this.uploadsPerDay = properties.uploadsPerDay();
        this.bytesPerDay = properties.uploadBytesPerDay().toBytes();
        this.clock = clock;
    }

    /**
     * Refuses an upload of {@code size} bytes (0 before its body is read) that would take the member past
     * either allowance. Authoritative only inside {@link MediaStore#insert}'s transaction, which holds the
     * member's upload lock.
     */
    void check(long ownerId, long size) {
        if (uploadsPerDay <= 0 && bytesPerDay <= 0) {
            return;
        }
        List<MediaStore.Upload> recent =
                store.uploadsSince(ownerId, clock.instant().minus(WINDOW));
        if (uploadsPerDay > 0 && recent.size() >= uploadsPerDay) {
            // why: the oldest uploads that must age out for one more to fit
            Instant freed = recent.get(recent.size() - uploadsPerDay).uploadedAt();
            throw refused(
                    "You have uploaded " + uploadsPerDay + " videos in the last 24 hours, the most allowed;", freed);
        }
        if (bytesPerDay > 0) {
            long total = recent.stream().mapToLong(MediaStore.Upload::size).sum();
            if (size == 0 ? total >= bytesPerDay : total + size > bytesPerDay) {
                Instant freed = recent.isEmpty()
                        ? clock.instant()
                        : recent.get(recent.size() - 1).uploadedAt();
                for (MediaStore.Upload upload : recent) {
                    total -= upload.size();
                    if (total + size <= bytesPerDay) {
                        freed = upload.uploadedAt();
                        break;
                    }
                }
                throw refused(
                        "Your uploads in the last 24 hours add up to " + megabytes(total(recent))
                                + (size > 0 ? " and this one is " + megabytes(size) : "")
                                + ": the most allowed is " + megabytes(bytesPerDay) + " per 24 hours;",
                        freed);
            }
        }
    }

    private LimitReached refused(String why, Instant oldestToAgeOut) {
        long seconds = Math.max(
                1,
                Duration.between(clock.instant(), oldestToAgeOut.plus(WINDOW)).toSeconds() + 1);
        return new LimitReached(
                why + " nothing was stored. You can upload again in " + roughly(seconds) + ".",
                Duration.ofSeconds(seconds));
    }

    private static long total(List<MediaStore.Upload> uploads) {
        return uploads.stream().mapToLong(MediaStore.Upload::size).sum();
    }

    private static String megabytes(long bytes) {
        return String.format(
                java.util.Locale.ROOT,
                "%.1f MB",
                bytes / (double) DataSize.ofMegabytes(1).toBytes());
    }

    private static String roughly(long seconds) {
        if (seconds < 120) {
            return seconds + " seconds";
        }
        if (seconds < 2 * 3600) {
            return "about " + (seconds + 59) / 60 + " minutes";
        }
        return "about " + (seconds + 3599) / 3600 + " hours";
    }
}
